/**
 * Drift → replan on the real parts: a village registry, the twin-based planner, DuckDB (plans, commands,
 * telemetry rollups), the embedded broker and MQTT.js gateways. Telemetry that follows the plan leaves it alone;
 * a household drawing far more than planned with a cold room makes the transformer replan the rest of the day
 * from the measured temperatures and re-dispatch; an overridden household keeps its plan.
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/app/authorize.js';
import { createDispatcher, createDispatchService, createReplanner, planVsActual, type Dispatcher, type DispatchService, type Replanner } from '../../src/app/dispatch/index.js';
import { buildFleetIndex } from '../../src/app/fleet-index.js';
import { createTelemetryIngestor } from '../../src/app/ingest-telemetry.js';
import { fixedClock } from '../../src/app/ports/clock.js';
import type { PlanDetail } from '../../src/contract/commands-api.js';
import { ACTIONS } from '../../src/domain/roles.js';
import type { RegistrySnapshot } from '../../src/domain/registry.js';
import { createMqttCommandPublisher, type MqttCommandPublisher } from '../../src/ingest/mqtt/command-publisher.js';
import { createEmbeddedMqttIngest, type EmbeddedMqttIngest } from '../../src/ingest/mqtt/embedded-broker.js';
import { createFleetFixture } from '../../src/ingest/mqtt/testing/fleet-fixture.js';
import { PLATFORM_USERNAME } from '../../src/ingest/mqtt/topics.js';
import { DEMO_WEATHER_FILE } from '../../src/main/demo/start-demo.js';
import { coordinateFleet } from '../../src/optimize/index.js';
import { parseEpw } from '../../src/sim/index.js';
import { DRIFT_TEXTS } from '../../src/contract/texts/dispatch-texts.js';
import { renderText } from '../../src/contract/texts/render-text.js';
import { openDuckDbStores, type DuckDbStores } from '../../src/storage/duckdb/index.js';
import { obedientDevice, type ObedientDevice } from './support/obedient-device.js';

const DAY = '2019-01-15';
const DAY_START = Date.parse(`${DAY}T00:00:00+08:00`);
const SLOT_MS = 900_000;
const clock = fixedClock(DAY_START + 40 * SLOT_MS);
const logger = pino({ level: 'silent' });
const HOUSES = ['h1', 'h2', 'h3'];

const snapshot: RegistrySnapshot = {
  areas: [{ id: 'r', kind: 'region', parentId: null, name: 'Beijing' }, { id: 'c', kind: 'county', parentId: 'r', name: 'Yanqing' }, { id: 'v', kind: 'village', parentId: 'c', name: 'Village' }],
  organisations: [{ id: 'op', kind: 'heating-operator', name: 'Operator' }],
  programmes: [],
  transformers: [{ id: 'tx1', villageId: 'v', name: 'T1', ratingKva: 40, powerFactor: 0.9 }],
  sites: HOUSES.map((h) => ({ id: h, kind: 'household' as const, name: `House ${h}`, villageId: 'v', operatorOrgId: 'op', transformerId: 'tx1' })),
  buildings: HOUSES.map((h) => ({ id: `${h}-b`, siteId: h, heatedAreaM2: 110, constructionYear: 1990, envelope: 'uninsulated' as const, storeys: 1, thermalMass: 'heavy' as const })),
  units: HOUSES.map((h) => ({ id: `${h}-hp1`, siteId: h, type: 'air-to-water' as const, manufacturer: 'M', model: 'X10', nominalCapacityKw: 10, capacityControl: 'inverter' as const, refrigerant: 'R410A', installedOn: '2017-10-01', emitter: 'radiator' as const })),
  meters: [],
  devices: HOUSES.map((h) => ({ id: `${h}-gw`, siteId: h, unitIds: [`${h}-hp1`], status: 'active' as const })),
};
const admin: Principal = { userId: 'u-admin', username: 'admin', role: 'admin', orgId: 'platform', scopeAreaId: null, siteId: null, actions: new Set(ACTIONS), via: 'session' };

let stores: DuckDbStores;
let broker: EmbeddedMqttIngest;
let publisher: MqttCommandPublisher;
let dispatcher: Dispatcher;
let service: DispatchService;
let replanner: Replanner;
const gateways = new Map<string, ObedientDevice>();

beforeAll(async () => {
  const index = buildFleetIndex(snapshot);
  const fleet = await createFleetFixture(Object.fromEntries(HOUSES.map((h) => [`${h}-gw`, [`${h}-hp1`]])), clock);
  stores = await openDuckDbStores({ dataDir: null });
  broker = await createEmbeddedMqttIngest({ ingestor: createTelemetryIngestor({ store: stores.telemetry, clock }), devices: fleet.directory, logger, host: '127.0.0.1', port: 0, clock, platformSecret: 'ps' });
  publisher = await createMqttCommandPublisher({ url: `mqtt://127.0.0.1:${broker.port}`, username: PLATFORM_USERNAME, password: 'ps', logger });
  dispatcher = createDispatcher({ store: stores.dispatch, transport: publisher, clock, options: { ackTimeoutMs: 500, maxAttempts: 2, backoffBaseMs: 50 } });
  const weather = parseEpw(readFileSync(DEMO_WEATHER_FILE, 'utf8'));
  const deps = { index: () => index, store: stores.dispatch, dispatcher, clock, weather: () => weather, planner: (g: Parameters<typeof coordinateFleet>[0]) => coordinateFleet(g, { recovery: 'restore' }) };
  service = createDispatchService({ ...deps, wallClock: clock, access: stores.access });
  replanner = createReplanner({ ...deps, telemetry: stores.telemetry });
  for (const h of HOUSES) gateways.set(h, await obedientDevice(broker.port, `${h}-gw`, fleet.secrets.get(`${h}-gw`) as string));
});
afterAll(async () => {
  dispatcher?.close();
  for (const g of gateways.values()) await g.client.endAsync(true);
  await publisher?.close();
  await broker?.close();
  await stores?.close();
});

/** Stores one reading per slot in the middle of it (so the 15-minute rollup holds it). */
async function report(plan: PlanDetail, from: number, to: number, tweak: (site: string, k: number, powerW: number, tempC: number) => { powerW: number; tempC: number }) {
  const readings = plan.households.flatMap((h) =>
    Array.from({ length: to - from }, (_, j) => {
      const k = from + j;
      const v = tweak(h.siteId, k, h.powerW[k] as number, h.tempC[k] as number);
      return { unitId: h.unitId, tsMs: DAY_START + k * SLOT_MS + SLOT_MS / 2, values: { unitPowerW: v.powerW, indoorTempC: v.tempC } };
    }),
  );
  await stores.telemetry.append(readings);
  await stores.telemetry.refreshRollups();
}
const settleAll = async (ids: readonly string[]) => Promise.all(ids.map((id) => dispatcher.settled(id)));

describe('drift → replan', () => {
  let r1: PlanDetail;

  it('plans the village under its transformer and dispatches schedules from the current slot', async () => {
    const created = await service.createPlans(admin, { villageId: 'v', day: DAY });
    if (!created.ok) throw new Error(created.message);
    expect(created.value.map((p) => p.id)).toEqual(['plan-tx1-2019-01-15-r1']);
    r1 = (await service.getPlan(admin, 'plan-tx1-2019-01-15-r1')) as PlanDetail;
    expect(r1.households.map((h) => [h.siteId, h.excluded, h.powerW.length])).toEqual(HOUSES.map((h) => [h, false, 96]));
    expect(r1.peakLoadW).toBeLessThanOrEqual(40 * 0.9 * 1000 + 1e-6);
    const sent = await service.dispatchPlan(admin, r1.id);
    if (!sent.ok) throw new Error(sent.message);
    expect((await settleAll(sent.value.commands.map((c) => c.id))).map((c) => c.state)).toEqual(['accepted', 'accepted', 'accepted']);
    const first = gateways.get('h1')?.received[0];
    expect(first).toMatchObject({ kind: 'schedule', startMs: DAY_START + 40 * SLOT_MS, slotS: 900 });
    expect(first?.kind === 'schedule' && first.slots.length).toBe(56);
    expect(first?.kind === 'schedule' && first.fallback.hourlySetpointC).toHaveLength(24);
  });

  it('leaves a plan alone while the households follow it', async () => {
    await report(r1, 0, 40, (_s, _k, powerW, tempC) => ({ powerW, tempC }));
    expect(await replanner.tick()).toEqual([{ planId: r1.id, replanned: false, newPlanId: null, reasons: [] }]);
  });

  it('replans the rest of the day from the measured state when a household drifts; an overridden one keeps its plan', async () => {
    const override = await service.override(admin, { siteId: 'h3', kind: 'setpoint', setpointC: 21, toMs: clock.nowMs() + 3 * 3_600_000 });
    if (!override.ok) throw new Error(override.message);
    await dispatcher.settled(override.value.id);
    clock.set(DAY_START + 44 * SLOT_MS);
    await report(r1, 40, 44, (site, _k, powerW, tempC) => (site === 'h1' ? { powerW: powerW + 3000, tempC: tempC - 2 } : { powerW, tempC }));
    const before = gateways.get('h3')?.received.length ?? 0;
    const [outcome] = await replanner.tick();
    expect(outcome).toMatchObject({ planId: r1.id, replanned: true, newPlanId: 'plan-tx1-2019-01-15-r2' });
    expect(outcome?.reasons.join('\n')).toMatch(/h1: used 3\.0 kWh more than planned/);
    expect(outcome?.reasons.join('\n')).toMatch(/h1: room 2\.0 K colder than planned/);

    const r2 = (await service.getPlan(admin, 'plan-tx1-2019-01-15-r2')) as PlanDetail;
    expect(r2).toMatchObject({ revision: 2, fromSlot: 44, createdBy: 'system', status: 'dispatched' });
    expect((await service.getPlan(admin, r1.id))?.status).toBe('replaced');
    const byId = (p: PlanDetail, s: string) => p.households.find((h) => h.siteId === s) as PlanDetail['households'][number];
    for (const h of HOUSES) expect(byId(r2, h).powerW.slice(0, 44)).toEqual(byId(r1, h).powerW.slice(0, 44));
    // h1 starts 2 K colder than planned: the replan heats it more than the old plan over the rest of the day.
    const rest = (p: PlanDetail, s: string) => byId(p, s).powerW.slice(44).reduce((a, w) => a + w, 0);
    expect(rest(r2, 'h1')).toBeGreaterThan(rest(r1, 'h1'));
    expect(byId(r2, 'h3').powerW).toEqual(byId(r1, 'h3').powerW);
    for (let k = 44; k < 96; k++) expect(r2.households.reduce((s, h) => s + (h.powerW[k] as number), 0)).toBeLessThanOrEqual(36_000 + 1e-3);

    const cmds = await service.listCommands(admin, { planId: r2.id, limit: 10 });
    expect(cmds.map((c) => [c.siteId, c.origin, c.actor]).sort()).toEqual([['h1', 'replan', 'system'], ['h2', 'replan', 'system']]);
    expect((await settleAll(cmds.map((c) => c.id))).every((c) => c.state === 'accepted')).toBe(true);
    expect(gateways.get('h3')?.received.length).toBe(before);
    const alarms = await stores.dispatch.listAlarms({ transformerIds: ['tx1'], siteIds: [], limit: 10 });
    expect(alarms[0]).toMatchObject({ kind: 'replanned', transformerId: 'tx1' });
    // The replan's reason and alarm as codes: the drift worded in Chinese for the zh-CN dashboard.
    expect(alarms[0]?.text).toEqual({ code: 'replanned', params: { transformerId: 'tx1', planId: r1.id, newPlanId: r2.id, fromTime: '11:00' } });
    expect(r2.reasonRef).toEqual({ code: 'replanned', params: { fromSlot: 44, fromTime: '11:00' } });
    const drift = (r2.reasonDetails ?? []).map((d) => renderText(DRIFT_TEXTS, d, 'zh-CN'));
    expect(drift).toContain('h1：最近 4 个时段用电比计划多 3.0 kWh');
    expect(drift).toContain('h1：室温比计划低 2.0 K');
    expect(alarms[0]?.details).toEqual(r2.reasonDetails);

    // The replan does not repeat within the minimum interval while nothing is overloaded.
    expect((await replanner.tick())[0]).toMatchObject({ planId: r2.id, replanned: false });
  });

  it('plan vs actual shows the village\'s planned and measured load, cost and comfort', async () => {
    const view = await planVsActual({ index: () => buildFleetIndex(snapshot), store: stores.dispatch, telemetry: stores.telemetry, clock }, admin, 'v', DAY);
    const t = view?.transformers[0];
    expect(t).toMatchObject({ transformerId: 'tx1', planId: 'plan-tx1-2019-01-15-r2', revision: 2 });
    expect(t?.measuredLoadW.slice(0, 44).every((w) => w !== null)).toBe(true);
    expect(t?.measuredLoadW.slice(44).every((w) => w === null)).toBe(true);
    // Slots 40–43: h1 drew 3 kW more than planned.
    expect((t?.measuredLoadW[41] as number) - (t?.plannedLoadW[41] as number)).toBeCloseTo(3000, 0);
    expect(t?.households.find((h) => h.siteId === 'h3')).toMatchObject({ overridden: true, lastCommandState: 'accepted' });
    expect(t?.actualComfortDeficitKh).toBeGreaterThanOrEqual(0);
    expect(t?.actualCostYuan).toBeGreaterThan(0);
  });
});
