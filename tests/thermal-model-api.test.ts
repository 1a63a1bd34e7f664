/**
 * GET /api/v1/units/{id}/thermal-model on the real platform (demo programme, real DuckDB store): the
 * registered building is the prior, the fit reports how much data it had, scope is enforced, bad
 * periods are refused with the field named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteList } from '../src/contract/api.js';
import type { ThermalModel } from '../src/contract/thermal-model.js';
import { startPlatform, type RunningPlatform } from '../src/main/platform.js';
import { loginAs } from './support/api-session.js';

describe('thermal model fitted to a household\'s telemetry', () => {
  let p: RunningPlatform;
  const password = (u: string) => p.demoCredentials.find((c) => c.username === u)?.password ?? '';
  beforeAll(async () => {
    p = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 6, demoSpeed: 60, logLevel: 'silent', adminPassword: 'thermal-model-admin', env: {} });
    await p.demo?.ready;
  }, 180_000);
  afterAll(async () => p?.close());

  it('answers with the registered prior and the fit figures for the demo\'s stored telemetry', async () => {
    const op = await loginAs(p.url, 'operator', password('operator'));
    const site = (await op.get<SiteList>('/api/v1/sites?pageSize=50')).body.items[0];
    const unitId = `${site?.id}-hp1`;
    const to = p.clock.nowMs();
    const res = await op.get<ThermalModel>(`/api/v1/units/${encodeURIComponent(unitId)}/thermal-model?from=${to - 10 * 86_400_000}&to=${to}`);
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m.prior?.heatLossWK).toBeGreaterThan(50);
    expect(m.prior?.timeConstantH).toBeGreaterThan(1);
    // The demo backfills two days: fewer than the three days a fit needs, so the registered model is returned and labelled.
    expect(m.model.fit.pairs).toBeGreaterThan(100);
    expect(m.model.status).toBe('prior-only');
    expect(m.model.heatLossWK).toBe(m.prior?.heatLossWK);
    expect(m.model.reasons[0]).toMatch(/usable slot pairs/);
    expect(['measured', 'insufficient-data']).toContain(m.cop.status);
    // The dispatch planner's choice for today, on the same two days: too few, so the registered building plans it.
    expect(m.planner?.choice).toMatchObject({ source: 'registered', code: 'too-few-days', heatLossWK: m.prior?.heatLossWK });
    expect(m.planner?.choice.fitDays).toBeLessThan(3);
    expect(m.planner?.choice.reason).toMatch(/fewer than the 3 needed/);
  });

  it('keeps other operators\' and households\' units out of scope, and refuses a bad period naming it', async () => {
    const op2 = await loginAs(p.url, 'operator2', password('operator2'));
    const to = p.clock.nowMs();
    const foreign = await op2.get(`/api/v1/units/yq-zhangshanying-h001-hp1/thermal-model?from=${to - 86_400_000}&to=${to}`);
    expect(foreign.status).toBe(404);
    const home = await loginAs(p.url, 'household', password('household'));
    expect((await home.get(`/api/v1/units/yq-zhangshanying-h001-hp1/thermal-model?from=${to - 86_400_000}&to=${to}`)).status).toBe(200);
    const backwards = await home.get<{ error: { message: string } }>(`/api/v1/units/yq-zhangshanying-h001-hp1/thermal-model?from=${to}&to=${to - 1}`);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toMatch(/to must be after from/);
    const tooLong = await home.get(`/api/v1/units/yq-zhangshanying-h001-hp1/thermal-model?from=0&to=${to}`);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toMatch(/at most 150 days/);
  });
});
