/**
 * The store path (append → refresh → query day aggregates → compose) against the raw engine on the same
 * readings, over whole local days (docs/analytics/season-report.md). Real DuckDB, in memory.
 */
import { describe, expect, it } from 'vitest';
import { composeUnitKpis, localDayOf } from '../../analytics/season/index.js';
import { computeUnitKpis, type UnitFacts, type UnitKpis } from '../../analytics/unit-kpis/index.js';
import type { ChannelValues, Reading } from '../../domain/telemetry-channels.js';
import { openDuckDbStores } from './open-stores.js';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const T0 = Date.parse('2019-01-10T00:00:00+08:00');
const FACTS: UnitFacts = { unitId: 'u1', nominalCapacityKw: 8, type: 'air-to-water', emitter: 'radiator' };

/** Every number equal up to summation order (relative 1e-9), every other value equal. */
function differences(actual: unknown, expected: unknown, path = 'kpis', out: string[] = []): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (!(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) out.push(`${path}: ${actual} vs ${expected}`);
  } else if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) differences((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (JSON.stringify(actual) !== JSON.stringify(expected)) out.push(`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  return out;
}
const expectSame = (actual: unknown, expected: unknown) => expect(differences(actual, expected)).toEqual([]);

/** Minutes k of a 3-day scenario: cycling, defrost with negative heat, standby, backup heat, a fault, gaps. */
function scenario(): Reading[] {
  const out: Reading[] = [];
  let unitKWh = 100; let heatKWh = 500;
  for (let k = 0; k < 3 * 1440; k++) {
    const day = Math.floor(k / 1440);
    if (day === 1 && k % 1440 >= 600 && k % 1440 < 660) continue; // a 1-hour gap (not bridged)
    if (k % 97 === 5 || (k % 1440 === 1439 && day < 2)) continue; // single-minute gaps (bridged), also at an inner midnight
    const phase = k % 45;
    const on = phase < 25; // 25 min on, 20 min off: cycles cross midnight
    const defrost = on && phase >= 20 && phase < 22;
    const fault = day === 2 && k % 1440 >= 300 && k % 1440 < 330 && on; // heat meter reads 0 while running
    const backup = day === 0 && k % 1440 < 120 ? 2000 : 0;
    const unitW = on ? 1800 + (k % 7) * 10 : 12;
    const heatW = defrost ? -1500 : fault ? 0 : on ? 5400 + backup : backup;
    unitKWh += unitW / 60_000; heatKWh += Math.max(0, heatW) / 60_000;
    const v: ChannelValues = {
      outdoorTempC: -3 + 4 * Math.sin((2 * Math.PI * k) / 1440), indoorTempC: 17.6 + (k % 60) / 100, supplyTempC: on ? 42 : 33, returnTempC: on ? 36 : 32,
      unitPowerW: unitW, heatPowerW: heatW, backupPowerW: backup, pumpPowerW: 45, compressorOn: on ? 1 : 0, defrost: defrost ? 1 : 0,
      unitEnergyKWh: unitKWh, heatEnergyKWh: heatKWh,
    };
    out.push({ unitId: 'u1', tsMs: T0 + k * MIN_MS, values: v });
    if (k % 31 === 0) out.push({ unitId: 'u1', tsMs: T0 + k * MIN_MS + 20_000, values: { indoorTempC: 18.4, unitPowerW: unitW + 5 } }); // two readings in a minute
  }
  return out;
}

/** What the raw engine would get from the store: the unit's readings in the period. */
const ownInPeriod = (rs: readonly Reading[], unitId: string, fromMs: number, toMs: number) => rs.filter((x) => x.unitId === unitId && x.tsMs >= fromMs && x.tsMs < toMs);

async function storePath(readings: readonly Reading[], batches: readonly (readonly Reading[])[], facts: UnitFacts[], fromMs: number, toMs: number) {
  const stores = await openDuckDbStores({ dataDir: null });
  try {
    for (const b of batches) { await stores.telemetry.append(b); await stores.telemetry.refreshRollups(); }
    const days = await stores.kpiDays.queryKpiDays({ unitIds: facts.map((f) => f.unitId), fromDay: localDayOf(fromMs), toDay: localDayOf(toMs) });
    return facts.map((f) => ({ store: composeUnitKpis(days, f, { fromMs, toMs }), raw: computeUnitKpis(ownInPeriod(readings, f.unitId, fromMs, toMs), f, { fromMs, toMs }) }));
  } finally {
    await stores.close();
  }
}

const shuffled = <T>(xs: readonly T[]): T[] => {
  const out = [...xs];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; const j = seed % (i + 1); [out[i], out[j]] = [out[j] as T, out[i] as T]; }
  return out;
};

describe('season KPIs from day aggregates equal the raw engine over whole local days', () => {
  const readings = scenario();
  const from = T0; const to = T0 + 3 * DAY_MS;

  it('in-order data: every figure of UnitKpis', async () => {
    const [r] = await storePath(readings, [readings], [FACTS], from, to);
    const { store, raw } = r as { store: UnitKpis; raw: UnitKpis };
    expect(raw.cycling.starts).toBeGreaterThan(50);
    expect(raw.defrost.episodes).toBeGreaterThan(50);
    expect(raw.heatMeterFault.detected).toBe(true);
    expect((raw.coverage.unitPowerW?.bridged ?? 0)).toBeGreaterThan(0);
    expectSame(store, raw);
  });

  it('late, out-of-order and repeated deliveries give the same aggregates as in-order data', async () => {
    const mixed = shuffled(readings);
    const batches = [mixed.slice(0, 2000), mixed.slice(2000, 3000), readings.slice(100, 900), mixed.slice(3000)];
    const [r] = await storePath(readings, batches, [FACTS], from, to);
    expectSame(r?.store, r?.raw);
  });

  it('a single day and the middle day of three (no gap or episode at its edges) equal the engine', async () => {
    const [one] = await storePath(readings, [readings], [FACTS], T0 + DAY_MS, T0 + 2 * DAY_MS);
    expect(one?.raw.cycling.completeCycles).toBeGreaterThan(10);
    expectSame(one?.store, one?.raw);
  });

  // The build picks its SQL by how each channel is present (kpi-day.md): these two runs take the other branches.
  it('every reading carrying every channel, and registers read only every 5 minutes, equal the engine', async () => {
    const whole = readings.filter((x) => x.tsMs % MIN_MS === 0);
    const [full] = await storePath(whole, [whole], [FACTS], from, to);
    expect(full?.raw.registers.find((r) => r.register === 'unitEnergyKWh')?.integratedKWh ?? 0).toBeGreaterThan(1); // pairs were checked
    expectSame(full?.store, full?.raw);
    // The last minute keeps its register reading: a trailing gap is the documented edge rule (the engine bridges it).
    const lastMs = to - MIN_MS;
    const sparse = whole.map((x) => ((x.tsMs / MIN_MS) % 5 === 0 || x.tsMs === lastMs ? x : { ...x, values: { ...x.values, unitEnergyKWh: undefined, heatEnergyKWh: undefined } as ChannelValues }));
    const [regs] = await storePath(sparse, [sparse], [FACTS], from, to);
    expectSame(regs?.store, regs?.raw);
  });

  it('a day without data, a unit without heat meter and a unit sending kW as W', async () => {
    const noHeat = readings.map((x) => ({ ...x, unitId: 'u2', values: { ...x.values, heatPowerW: undefined, heatEnergyKWh: undefined } as ChannelValues }));
    const kw = readings.map((x) => ({ ...x, unitId: 'u3', values: { ...x.values, unitPowerW: (x.values.unitPowerW ?? 0) / 1000 } }));
    const later = readings.filter((x) => x.tsMs >= T0 + 2 * DAY_MS).map((x) => ({ ...x, unitId: 'u4' }));
    const all = [...readings, ...noHeat, ...kw, ...later];
    const facts = ['u1', 'u2', 'u3', 'u4', 'nobody'].map((unitId) => ({ ...FACTS, unitId }));
    const rs = await storePath(all, [all], facts, from, to);
    for (const r of [rs[0], rs[1], rs[3], rs[4]]) expectSame(r?.store, r?.raw);
    // kW as W: the same decision; the aggregates keep counts, not the median, so the flag carries the limit (an upper bound).
    expect(differences(rs[2]?.store, rs[2]?.raw).map((d) => d.split(':')[0])).toEqual([
      'kpis.plausibility.flags.0.medianPositiveW', 'kpis.warnings.0',
      'kpis.warningRefs.0.code', 'kpis.warningRefs.0.params.medianW', 'kpis.warningRefs.0.params.limitW',
    ]);
    // …and its coded warning says so: a limit, not a median.
    expect(rs[2]?.store.warningRefs[0]).toMatchObject({ code: 'kw-sent-as-w-day-aggregates', params: { limitW: 5 } });
    expect(rs[2]?.store.plausibility.flags[0]).toEqual({ channel: 'unitPowerW', code: 'looks-like-kw-sent-as-w', medianPositiveW: 5 });
    expect(rs[1]?.store.spf.h2).toBeNull();
    expect(rs[1]?.store.energy.boundaries.h2.reason).toBe('no-heat-meter');
    expect(rs[2]?.store.plausibility.excludedChannels).toEqual(['unitPowerW']);
    expect(rs[3]?.store.weather.daysWithoutData).toBe(2);
    expect(rs[4]?.store.status).toBe('no-data');
  });

  it('at the report end a trailing gap is bridged by the engine but not by the aggregates (documented edge rule)', async () => {
    const cut = readings.filter((x) => x.tsMs < to - 5 * MIN_MS);
    const [r] = await storePath(cut, [cut], [FACTS], from, to);
    expect(r?.raw.coverage.unitPowerW?.bridged).toBe((r?.store.coverage.unitPowerW?.bridged ?? 0) + 5);
    expect(Math.abs((r?.store.energy.boundaries.h2.coveredH ?? 0) - (r?.raw.energy.boundaries.h2.coveredH ?? 0))).toBeCloseTo(5 / 60, 9);
  });

  it('refuses a period that is not whole local days, and options the aggregates were not built with', () => {
    expect(() => composeUnitKpis([], FACTS, { fromMs: T0 + 3_600_000, toMs: T0 + DAY_MS })).toThrow(/local midnight/);
    expect(() => composeUnitKpis([], FACTS, { fromMs: T0, toMs: T0 + DAY_MS }, { runningThresholdW: 50 })).toThrow(/runningThresholdW/);
  });
});
