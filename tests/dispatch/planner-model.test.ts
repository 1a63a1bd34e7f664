/**
 * The live planner on each household's identified model, on the real platform: demo programme with four days of stored
 * telemetry (real DuckDB rollups), simulated gateways on the embedded MQTT broker, the fits and the plan in the
 * optimiser worker pool (real HiGHS). A plan reports per household which model planned it and its fit; a household
 * registered without a heat meter is planned on its registered building and says why; the thermal-model endpoint
 * reports the same fit the planner used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail, PlanSummary } from '../../src/contract/commands-api.js';
import type { ThermalModel } from '../../src/contract/thermal-model.js';
import type { Building, Device, HeatPumpUnit, Site } from '../../src/domain/registry.js';
import { closeOptimizeWorkers } from '../../src/app/optimize-worker.js';
import { startPlatform, type RunningPlatform } from '../../src/main/platform.js';
import { loginAs, type ApiSession } from '../support/api-session.js';

const ADMIN_PASSWORD = 'planner-model-admin';
let p: RunningPlatform;
let admin: ApiSession;
let plan: PlanDetail;
const NO_METER = 'pm-no-meter';

beforeAll(async () => {
  p = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 4, demoSpeed: 60, demoBackfillDays: 4, logLevel: 'silent', adminPassword: ADMIN_PASSWORD, env: {} });
  await p.demo?.ready;
  admin = await loginAs(p.url, 'admin', ADMIN_PASSWORD);
}, 900_000);
afterAll(async () => {
  await p?.close();
  await closeOptimizeWorkers();
});

const items = async <T>(kind: string) => (await admin.get<{ items: T[] }>(`/api/v1/registry/${kind}`)).body.items;

describe('live planning on the model identified from each household\'s telemetry', () => {
  it('plans households with enough metered telemetry on their fitted model, and one without a heat meter on its registered building, saying why', async () => {
    // A household registered beside the demo's, behind the same transformer, with unit and gateway but no heat meter.
    const sites = (await items<Site>('sites')).filter((s) => s.transformerId !== undefined);
    const behind = (t: string | undefined) => sites.filter((s) => s.transformerId === t).length;
    const site = [...sites].sort((a, b) => behind(b.transformerId) - behind(a.transformerId))[0];
    if (!site) throw new Error('the demo has no household behind a transformer');
    const building = (await items<Building>('buildings')).find((b) => b.siteId === site.id) as Building;
    const unit = (await items<HeatPumpUnit>('units')).find((u) => u.siteId === site.id) as HeatPumpUnit;
    const put = async (kind: string, item: object) => {
      const r = await admin.send('PUT', `/api/v1/registry/${kind}`, { items: [item] });
      expect(r.status, `${kind}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    await put('sites', { ...site, id: NO_METER, name: 'No heat meter' });
    await put('buildings', { ...building, id: `${NO_METER}-b1`, siteId: NO_METER });
    await put('units', { ...unit, id: `${NO_METER}-hp1`, siteId: NO_METER });
    await put('devices', { id: `${NO_METER}-gw`, siteId: NO_METER, unitIds: [`${NO_METER}-hp1`], status: 'active' } satisfies Device);

    const day = new Date(p.clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);
    const created = await admin.send<{ items: PlanSummary[] }>('POST', '/api/v1/dispatch/plans', { transformerId: site.transformerId, day });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    plan = (await admin.get<PlanDetail>(`/api/v1/dispatch/plans/${(created.body.items[0] as PlanSummary).id}`)).body;

    const planned = plan.households.filter((h) => !h.excluded);
    expect(planned.length).toBeGreaterThanOrEqual(2);
    const identified = planned.filter((h) => h.model?.source === 'identified');
    expect(identified.length).toBeGreaterThan(0);
    for (const h of identified) {
      expect(h.model).toMatchObject({ code: 'identified', maxFitRmseK: 1 });
      // Four days were stored; the fit saw at least the three it needs, and beat the registered model on them.
      expect(h.model?.fitDays).toBeGreaterThanOrEqual(3);
      expect(h.model?.fitDays).toBeLessThanOrEqual(14);
      expect(h.model?.fitRmseK).toBeLessThanOrEqual(1);
      expect(h.model?.fitRmseK as number).toBeLessThan(h.model?.registeredRmseK as number);
      expect(h.powerW).toHaveLength(96);
    }
    const noMeter = plan.households.find((h) => h.siteId === NO_METER);
    expect(noMeter?.excluded).toBe(false);
    expect(noMeter?.model).toMatchObject({ source: 'registered', code: 'no-heat-meter', fitRmseK: null });
    expect(noMeter?.model?.reason).toMatch(/no heat meter registered/);
    expect(noMeter?.powerW).toHaveLength(96);
  });

  it('reports on the thermal-model endpoint the fit the planner used for the day', async () => {
    const h = plan.households.find((x) => x.model?.source === 'identified');
    if (!h) throw new Error('no identified household in the plan');
    const to = p.clock.nowMs();
    const res = await admin.get<ThermalModel>(`/api/v1/units/${encodeURIComponent(h.unitId)}/thermal-model?from=${to - 10 * 86_400_000}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.body.planner).toEqual({ day: plan.day, choice: h.model });
  });
});
