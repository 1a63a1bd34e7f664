import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFleetSimulation, generateFleet, parseEpw } from '../../sim/index.js';
import { loadHighs } from '../load-highs.js';
import { tariffPreset, type Tariff } from '../tariff/index.js';
import { anomalyWeather, createRatingGuard, grantRunPermission, needOrder, runClosedLoop, strategyRow, villageTransformers, type GuardUnit } from './index.js';

const unit = (u: Partial<GuardUnit>): GuardUnit => ({ marginK: 0, fixedW: 0, runW: 1000, wantsHeat: true, backupOn: false, ...u });

/** A reproducible stream of numbers in [0, 1) (LCG), for random fleets of units. */
function stream(seed: number): () => number {
  let x = seed >>> 0;
  return () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 2 ** 32; };
}

describe('rating guard (pure)', () => {
  it('never lets the bound exceed the capacity when the fixed draw fits, and blocks only units that would not fit', () => {
    const r = stream(7);
    for (let trial = 0; trial < 200; trial++) {
      const units = Array.from({ length: 1 + Math.floor(r() * 60) }, () => unit({
        marginK: r() * 4 - 2, fixedW: r() * 40, runW: r() < 0.2 ? 0 : 500 + r() * 6000, wantsHeat: r() < 0.8, backupOn: r() < 0.1,
      }));
      const fixed = units.reduce((s, u) => s + u.fixedW, 0);
      const capacityW = fixed + r() * units.length * 3000;
      const d = grantRunPermission(units, capacityW);
      const bound = fixed + units.reduce((s, u, i) => s + (d.permitted[i] ? u.runW : 0), 0);
      expect(d.boundW).toBeCloseTo(bound, 6);
      expect(d.boundW).toBeLessThanOrEqual(capacityW);
      expect(d.overCapacity).toBe(false);
      for (const [i, u] of units.entries()) {
        if (u.runW === 0) expect(d.permitted[i]).toBe(1);
        // A blocked unit did not fit when its turn came, so it does not fit in what is left now either.
        if (!d.permitted[i]) expect(d.boundW + u.runW).toBeGreaterThan(capacityW);
      }
      expect(d.blockedWanting).toBe(units.filter((u, i) => u.wantsHeat && !d.permitted[i]).length);
    }
  });
  it('grants in order of need: lowest margin first, backup heaters after compressors, units not asking for heat last', () => {
    const units = [
      unit({ marginK: 0.8 }), unit({ marginK: -0.5, backupOn: true, runW: 1000 }), unit({ marginK: 0.1 }),
      unit({ marginK: -1, wantsHeat: false }), unit({ marginK: 0.4 }),
    ];
    expect(needOrder(units)).toEqual([2, 4, 0, 1, 3]);
    // Room for two: the two coldest rooms running on their compressors.
    expect([...grantRunPermission(units, 2000).permitted]).toEqual([0, 0, 1, 0, 1]);
    // Room for four: the backup heater comes before the unit that does not ask for heat.
    expect([...grantRunPermission(units, 4000).permitted]).toEqual([1, 1, 1, 0, 1]);
    // First fit: a large unit that does not fit does not stop a smaller, less needy one.
    const mixed = [unit({ marginK: 0, runW: 3000 }), unit({ marginK: 1, runW: 800 })];
    expect([...grantRunPermission(mixed, 1000).permitted]).toEqual([0, 1]);
  });
  it('when the unblockable draw alone exceeds the rating, blocks everything it can and says so', () => {
    const d = grantRunPermission([unit({ fixedW: 600 }), unit({ fixedW: 600, runW: 0 })], 1000);
    expect([...d.permitted]).toEqual([0, 1]);
    expect(d.overCapacity).toBe(true);
    expect(d.blockedWanting).toBe(1);
  });
  it('refuses impossible inputs, naming them', () => {
    expect(() => grantRunPermission([unit({})], -1)).toThrow(/capacity -1 W/);
    expect(() => grantRunPermission([unit({}), unit({ runW: Number.NaN })], 1000)).toThrow(/unit 1 has draw/);
    expect(() => grantRunPermission([unit({ marginK: Number.NaN })], 1000)).toThrow(/unit 0 has no room margin/);
  });
});

const typical = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const actual = anomalyWeather(typical, { seed: 1 });
const FROM = Date.parse('2019-01-05T00:00:00+08:00');

describe('rating guard on the twin', () => {
  it('counts every locked hour of a unit asking for heat, and those with its room below the floor as the kernel measures them', () => {
    const households = generateFleet('beijing-103', 1).households.slice(0, 4);
    const sim = createFleetSimulation({ name: 'four', households }, actual, { startMs: FROM, stepS: 60 });
    // A transformer with room for nothing but the units' standby: every unit is locked, all day.
    const guard = createRatingGuard(sim, villageTransformers(4, 4, 0.01), actual, 60);
    const a = sim.state.a;
    const before = { s: Float64Array.from(a.belowFloorS), ks: Float64Array.from(a.belowFloorKS), comp: Float64Array.from(a.eCompJ), bu: Float64Array.from(a.eBackupJ) };
    const steps = 12 * 60;
    for (let k = 0; k < steps; k++) { guard.before(); sim.advance(1); guard.after(); }
    const t = guard.totals;
    expect(t.overCapacitySteps).toBe(steps);
    for (let i = 0; i < 4; i++) {
      // Locked units do not heat (a compressor already running finishes its 3-minute minimum run at most).
      expect((a.eCompJ[i] as number) - (before.comp[i] as number)).toBeLessThan(3 * 60 * 5000);
      expect(a.eBackupJ[i]).toBe(before.bu[i]);
      // Twelve January hours without heat: the room falls below the floor, and every minute it is there the unit asks
      // for heat and is locked (from a warm start it asks a little later).
      const kernelH = ((a.belowFloorS[i] as number) - (before.s[i] as number)) / 3600;
      expect(kernelH).toBeGreaterThan(1);
      expect(t.blockedH[i]).toBeLessThanOrEqual(12 + 1e-9);
      expect(t.blockedH[i]).toBeGreaterThanOrEqual(kernelH - 1 / 60);
      // The guard reads the room after each step, the kernel before it: at most one step apart.
      expect(Math.abs((t.blockedBelowFloorH[i] as number) - kernelH)).toBeLessThanOrEqual(1 / 60 + 1e-9);
      expect(t.blockedBelowFloorKh[i]).toBeCloseTo(((a.belowFloorKS[i] as number) - (before.ks[i] as number)) / 3600, 0);
    }
    // The lock is renewed each minute: after 2 h it is beyond what an SG-Ready lock may last, and counted once per unit.
    expect(t.locksOverLimit).toBe(4);
    expect(t.longestLockH).toBeCloseTo(12, 6);
  });

  it('with the guard the optimised fleet\'s transformer stays within its rating in the twin, without it the local safeguard overloads it', async () => {
    const tp = tariffPreset('beijing-rural-coal-to-electricity');
    const tariff = (tp.ok ? tp.tariff : null) as Tariff;
    const fleet = { name: 'eight', households: generateFleet('beijing-103', 1).households.slice(0, 8) };
    const highs = await loadHighs();
    // 25 kVA for eight houses in the coldest week: the exact fleet plan holds it, the safeguards of cold rooms do not.
    const base = { strategy: 'optimised-fleet' as const, fleet, transformers: villageTransformers(8, 8, 25), actualWeather: actual, typicalWeather: typical, tariff, fromMs: FROM, toMs: FROM + 2 * 86_400_000, highs };
    const free = runClosedLoop(base);
    const held = runClosedLoop({ ...base, enforceRating: true });
    const limitW = 25 * 0.9 * 1000;
    expect(Math.max(...(free.transformers[0]?.loadW ?? []))).toBeGreaterThan(limitW);
    expect(Math.max(...(held.transformers[0]?.loadW ?? []))).toBeLessThanOrEqual(limitW);
    const f = strategyRow(free), h = strategyRow(held);
    expect(h.strategy).toBe('optimised-fleet + rating guard');
    expect(f.blockedHPerHousehold).toBeNaN();
    // Holding the rating costs comfort, and the blocks that left a room cold are reported, not hidden.
    expect(h.belowFloorKhPerHousehold).toBeGreaterThan(f.belowFloorKhPerHousehold);
    expect(h.blockedBelowFloorHPerHousehold).toBeGreaterThan(0);
    expect(h.blockedBelowFloorHPerHousehold).toBeLessThanOrEqual(h.belowFloorHPerHousehold + 2 * 8 / 60);
    expect(held.ratingGuard?.overCapacitySteps).toBe(0);
  }, 120_000);
});
