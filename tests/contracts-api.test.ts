/**
 * GET /api/v1/contracts on the real platform (demo accounts, real DuckDB store, real HTTP): operators and
 * regulators read the heating fee contract presets with their terms, provenance and zh-CN wording; households,
 * technicians and anonymous callers do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeatingContractView } from '../src/contract/heating-contracts.js';
import { HEATING_CONTRACT_TEXTS, renderText } from '../src/contract/texts/index.js';
import { startPlatform, type RunningPlatform } from '../src/main/platform.js';
import { loginAs } from './support/api-session.js';

let p: RunningPlatform;
const as = (username: string) => loginAs(p.url, username, p.demoCredentials.find((c) => c.username === username)?.password ?? '');

beforeAll(async () => {
  p = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 2, demoSpeed: 1, logLevel: 'silent', adminPassword: 'contracts-api-admin' });
  await p.demo?.ready;
});
afterAll(async () => { await p.close(); });

describe('heating fee contracts API', () => {
  it('an operator reads every preset: business model, fee terms, guarantee, provenance, and each text in zh-CN from its code', async () => {
    const res = await (await as('operator')).get<{ items: HeatingContractView[] }>('/api/v1/contracts');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual(['example-equipment-sale-om', 'example-heating-fee-metered', 'example-heating-fee-per-area']);
    const perArea = byId.get('example-heating-fee-per-area') as HeatingContractView;
    expect(perArea).toMatchObject({
      status: 'unverified', businessModel: 'heating-fee', electricityPaidBy: 'operator', season: { from: '11-15', to: '03-15', days: 121 },
      fees: [{ kind: 'per-area-season', yuanPerM2PerSeason: 25 }],
      comfortGuarantee: { indoorTempC: 18, hours: [{ fromLocal: '00:00', toLocal: '24:00' }], refundYuanPerKh: 0.1, refundCapPct: 100 },
    });
    expect(renderText(HEATING_CONTRACT_TEXTS, perArea.guaranteeRef, 'zh-CN')).toBe('北京时间 00:00–24:00 室温不低于 18.0 °C；低于该温度每 K·h 退费 0.10 元，最多退还当期费用的 100 %');
    expect(renderText(HEATING_CONTRACT_TEXTS, perArea.fees[0]?.textRef ?? { code: '', params: {} }, 'zh-CN')).toBe('每采暖季每平方米供暖面积 25.00 元（按天数折算）');
    expect(byId.get('example-equipment-sale-om')).toMatchObject({ businessModel: 'household-pays-electricity', electricityPaidBy: 'household', comfortGuarantee: null, serviceFeeYuanPerHouseholdPerSeason: 300 });
    for (const c of res.body.items) {
      for (const ref of [c.nameRef, c.noteRef, c.businessModelRef, c.guaranteeRef]) expect(renderText(HEATING_CONTRACT_TEXTS, ref, 'zh-CN'), `${c.id} ${ref.code}`).toMatch(/[\u4e00-\u9fff]/);
      expect(c.note).toMatch(/^UNVERIFIED EXAMPLE\./);
      // The catalogue's English is the English field, word for word (docs/i18n.md).
      expect(renderText(HEATING_CONTRACT_TEXTS, c.nameRef, 'en')).toBe(c.name);
      expect(renderText(HEATING_CONTRACT_TEXTS, c.noteRef, 'en')).toBe(c.note);
    }
  });
  it('a regulator reads them; households, technicians and anonymous callers are refused', async () => {
    expect((await (await as('regulator')).get('/api/v1/contracts')).status).toBe(200);
    const household = await (await as('household')).get<{ error: { code: string; message: string } }>('/api/v1/contracts');
    expect(household.status).toBe(403);
    expect(JSON.stringify(household.body)).toMatch(/operators and regulators/);
    expect((await (await as('technician')).get('/api/v1/contracts')).status).toBe(403);
    expect((await fetch(`${p.url}/api/v1/contracts`)).status).toBe(401);
  });
});
