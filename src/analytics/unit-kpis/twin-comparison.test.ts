/**
 * The engine against the digital twin, whose accumulators are exact. Alignment (why the expectation is not
 * simply "equal"): the twin's channel snapshot at time t is the mean power of the 1-minute step ending at t;
 * the engine holds a sample's value over the slot starting at t (emoncms convention). Over [from, to) the
 * engine therefore sees the steps 0 … N−2 and misses the last one, whose powers are the final snapshot.
 * Expected engine figure = twin figure − last step; the only other error is the summary's rounding to 0.01 kWh.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../domain/telemetry-channels.js';
import { createFleetSimulation, generateFleet, parseEpw, summarise, type UnitSummary } from '../../sim/index.js';
import { computeUnitKpis, type UnitKpis } from './index.js';

const weather = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const FROM_MS = Date.parse('2019-01-10T00:00:00+08:00');
const DAYS = 3;
const STEP_S = 60;
const STEPS = (DAYS * 86_400) / STEP_S;
const TO_MS = FROM_MS + STEPS * STEP_S * 1000;
/** summarise() rounds energies to 0.01 kWh and SPFs to 0.001. */
const KWH_ROUNDING = 0.005;
const SPF_ROUNDING = 0.0005;
const KWH_PER_W_STEP = STEP_S / 3.6e6;

// Four households covering inverter/fixed-speed × floor/radiator.
const base = generateFleet('beijing-103').households;
const fleet = { name: 'kpi-twin', households: [0, 1, 2, 5].map((i) => base[i] as (typeof base)[number]) };
const sim = createFleetSimulation(fleet, weather, { startMs: FROM_MS, stepS: STEP_S });
const readings: Reading[] = [];
for (let k = 0; k < STEPS; k++) {
  sim.step();
  for (let i = 0; i < sim.size; i++) readings.push({ unitId: sim.ids[i] as string, tsMs: sim.tsMs, values: sim.channels(i) });
}
const summary = summarise(fleet, sim.state, { from: new Date(FROM_MS).toISOString(), to: new Date(TO_MS).toISOString() });
const results: UnitKpis[] = fleet.households.map((h) =>
  computeUnitKpis(readings, { unitId: h.id, nominalCapacityKw: h.unit.capacityKw, type: h.unit.type, emitter: h.emitter }, { fromMs: FROM_MS, toMs: TO_MS }));

describe('unit KPIs agree with the digital twin (4 households × 3 days, 1-minute channels)', () => {
  fleet.households.forEach((h, i) => {
    const twin = summary.units[i] as UnitSummary;
    const kpi = results[i] as UnitKpis;
    const last = sim.channels(i); // powers of the step the engine cannot see
    const lastKWh = (w: number | undefined) => (w ?? 0) * KWH_PER_W_STEP;
    const heatHp = twin.heatPumpHeatKWh - (lastKWh(last.heatPowerW) - lastKWh(last.backupPowerW));
    const heatAll = twin.heatKWh - lastKWh(last.heatPowerW);
    const el = twin.electricityKWh;
    const e1 = el.compressor - lastKWh(last.compressorPowerW);
    const e2 = el.compressor + el.fan + el.standby - lastKWh(last.unitPowerW);
    const e3 = e2 + el.backup - lastKWh(last.backupPowerW);
    const e4 = e3 + el.pump - lastKWh(last.pumpPowerW);
    it(`${h.id} (${h.unit.capacityControl}, ${h.emitter}): heat and electricity per boundary within the summary's rounding`, () => {
      const b = kpi.energy.boundaries;
      expect(Math.abs(b.h1.heatKWh - heatHp)).toBeLessThanOrEqual(2 * KWH_ROUNDING);
      expect(Math.abs(b.h3.heatKWh - heatAll)).toBeLessThanOrEqual(2 * KWH_ROUNDING);
      expect(Math.abs(b.h1.electricityKWh - e1)).toBeLessThanOrEqual(KWH_ROUNDING);
      expect(Math.abs(b.h2.electricityKWh - e2)).toBeLessThanOrEqual(3 * KWH_ROUNDING);
      expect(Math.abs(b.h3.electricityKWh - e3)).toBeLessThanOrEqual(4 * KWH_ROUNDING);
      expect(Math.abs(b.h4.electricityKWh - e4)).toBeLessThanOrEqual(5 * KWH_ROUNDING);
    });
    it(`${h.id}: SPF H1–H4 within the bound of the missing last minute plus rounding`, () => {
      const pairs = [
        ['h1', heatHp, e1, last.heatPowerW as number, last.compressorPowerW as number],
        ['h2', heatHp, e2, last.heatPowerW as number, last.unitPowerW as number],
        ['h3', heatAll, e3, last.heatPowerW as number, (last.unitPowerW as number) + (last.backupPowerW as number)],
        ['h4', heatAll, e4, last.heatPowerW as number, (last.unitPowerW as number) + (last.backupPowerW as number) + (last.pumpPowerW as number)],
      ] as const;
      for (const [b, q, e, qLastW, eLastW] of pairs) {
        const twinSpf = twin.spf[b] as number;
        const mine = kpi.spf[b] as number;
        // |Δ SPF| from dropping one step of heat q₁ and electricity e₁: ≤ (|q₁| + SPF·e₁)/e, plus rounding of both sides.
        const bound = (Math.abs(qLastW) + twinSpf * Math.abs(eLastW)) * KWH_PER_W_STEP / e + SPF_ROUNDING + (KWH_ROUNDING * (1 + twinSpf)) / e;
        expect(Math.abs(mine - twinSpf), b).toBeLessThanOrEqual(bound);
        expect(q / e).toBeGreaterThan(0);
      }
    });
    it(`${h.id}: starts, defrosts and hours below 18 °C match the twin's counters up to the two edge steps`, () => {
      expect(twin.compressorStarts - kpi.cycling.starts).toBeGreaterThanOrEqual(0);
      expect(twin.compressorStarts - kpi.cycling.starts).toBeLessThanOrEqual(2);
      expect(twin.defrostCycles - kpi.defrost.episodes).toBeGreaterThanOrEqual(0);
      expect(twin.defrostCycles - kpi.defrost.episodes).toBeLessThanOrEqual(1);
      if (twin.backupHeatKWh === 0) {
        // Without backup heat, the negative heat the engine sums is exactly the twin's defrost draw.
        const lastNegKWh = Math.max(0, -(last.heatPowerW as number)) * KWH_PER_W_STEP;
        expect(Math.abs((kpi.defrost.energyKWh as number) - (twin.defrostKWh - lastNegKWh))).toBeLessThanOrEqual(KWH_ROUNDING);
      }
      expect(Math.abs(kpi.comfort.hoursBelow - twin.hoursBelow18C)).toBeLessThanOrEqual(STEP_S / 3600 + KWH_ROUNDING);
    });
    it(`${h.id}: clean twin data raise no flags; registers agree with integrated power`, () => {
      expect(kpi.plausibility.flags).toEqual([]);
      expect(kpi.heatMeterFault.detected).toBe(false);
      for (const r of kpi.registers) {
        // docs/telemetry.md: registers only grow; the twin's heat register counts forward heat (defrost draw
        // shows only as negative power), so every register agrees with integrated power within tolerance.
        const own = readings.filter((x) => x.unitId === h.id).map((x) => x.values[r.register] as number);
        expect(own.every((v, k) => k === 0 || v >= (own[k - 1] as number)), `${r.register} never runs backwards`).toBe(true);
        expect(r.status, r.register).toBe('agree');
      }
      expect(kpi.coverage.heatPowerW?.coveragePct).toBeCloseTo((100 * (STEPS - 1)) / STEPS, 9);
      expect(kpi.temperatures.carnotPct as number).toBeLessThan(100);
    });
  });
  it('prints the comparison when KPI_TWIN_REPORT is set', () => {
    if (!process.env.KPI_TWIN_REPORT) return;
    console.table(fleet.households.map((h, i) => {
      const t = summary.units[i] as UnitSummary; const k = results[i] as UnitKpis;
      const f = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? '—' : x.toFixed(d));
      return {
        unit: h.id, heatTwin: t.heatKWh, heatKpi: f(k.energy.heatKWh.metered.kWh, 2), backupTwin: t.backupHeatKWh,
        h1: `${t.spf.h1}/${f(k.spf.h1)}`, h2: `${t.spf.h2}/${f(k.spf.h2)}`, h3: `${t.spf.h3}/${f(k.spf.h3)}`, h4: `${t.spf.h4}/${f(k.spf.h4)}`,
        starts: `${t.compressorStarts}/${k.cycling.starts}`, defrost: `${t.defrostCycles}/${k.defrost.episodes}`, defrostKWh: `${t.defrostKWh}/${f(k.defrost.energyKWh, 2)}`,
        loadRatio: `${t.loadRatio}/${f(k.loadRatio.value)}`, below18h: `${t.hoursBelow18C}/${f(k.comfort.hoursBelow, 2)}`,
        flowC: f(k.temperatures.heatWeightedFlowC, 1), carnotPct: f(k.temperatures.carnotPct, 1), copRun: f(k.energy.cop.running), hdd: f(k.weather.hddKd, 1),
      };
    }));
  });
});
