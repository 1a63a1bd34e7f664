import { describe, expect, it } from 'vitest';
import { detectDrift, type HouseholdTrack } from './drift.js';
import { remainingProblem, splice } from './rolling.js';
import { syntheticHousehold } from '../household-fixture.js';

const N = 96;
const fill = (v: number) => Array.from({ length: N }, () => v);
const T0 = Date.UTC(2019, 0, 14, 16);
/** A household that did exactly what was planned up to `now`. */
const onPlan = (id: string, now: number, powerW = 1000): HouseholdTrack => ({
  id,
  plannedPowerW: fill(powerW),
  plannedTempC: fill(19),
  measuredPowerW: fill(powerW).map((p, k) => (k < now ? p : null)),
  measuredTempC: fill(19).map((t, k) => (k < now ? t : null)),
});
const run = (households: HouseholdTrack[], now = 40, extra: Partial<Parameters<typeof detectDrift>[0]> = {}) =>
  detectDrift({ households, capacityW: fill(10_000), slotS: 900, nowSlot: now, nowMs: T0 + now * 900_000, lastReplanMs: null, ...extra });

describe('drift detection', () => {
  it('no drift when the households follow the plan', () => {
    const r = run([onPlan('a', 40), onPlan('b', 40)]);
    expect(r).toMatchObject({ replan: false, reasons: [], overloadSlots: [], fromSlot: 36, nowSlot: 40 });
    expect(r.transformerEnergyDeltaKWh).toBeCloseTo(0, 9);
  });

  it('a household using much more than planned over the last hour triggers a replan; a small deviation does not', () => {
    const heavy = { ...onPlan('a', 40), measuredPowerW: fill(1000).map((p, k) => (k < 36 ? p : k < 40 ? 2000 : null)) };
    const r = run([heavy, onPlan('b', 40)]);
    expect(r.replan).toBe(true);
    expect(r.households[0]?.energyDeltaKWh).toBeCloseTo(1.0, 9); // 4 slots × 1 kW × 0.25 h
    expect(r.reasons.join('\n')).toMatch(/a: used 1\.0 kWh more than planned/);
    const slight = { ...onPlan('a', 40), measuredPowerW: fill(1000).map((p, k) => (k < 40 ? p * 1.2 : null)) };
    expect(run([slight, onPlan('b', 40)]).replan).toBe(false);
  });

  it('a room colder than planned by more than 1 K triggers a replan', () => {
    const cold = { ...onPlan('a', 40), measuredTempC: fill(19).map((t, k) => (k < 40 ? t - 1.5 : null)) };
    const r = run([cold, onPlan('b', 40)]);
    expect(r.replan).toBe(true);
    expect(r.households[0]?.colderK).toBeCloseTo(1.5, 9);
    expect(run([{ ...cold, measuredTempC: fill(19).map((t, k) => (k < 40 ? t - 0.5 : null)) }]).replan).toBe(false);
  });

  it('a household silent for two slots is offline', () => {
    const silent = { ...onPlan('a', 38), id: 'a' };
    const r = run([silent, onPlan('b', 40)]);
    expect(r.households[0]?.offline).toBe(true);
    expect(r.replan).toBe(true);
    expect(r.reasons.join('\n')).toMatch(/a: no measurement in the last 2 slots/);
  });

  it('an overload replans at once, other drift waits for the minimum interval', () => {
    const over = [onPlan('a', 40, 6000), onPlan('b', 40, 6000)];
    const r = run(over, 40, { lastReplanMs: T0 + 39 * 900_000 });
    expect(r.overloadSlots).toEqual([36, 37, 38, 39]);
    expect(r.replan).toBe(true);
    const cold = { ...onPlan('a', 40), measuredTempC: fill(17) };
    expect(run([cold], 40, { lastReplanMs: T0 + 39 * 900_000 }).replan).toBe(false);
    expect(run([cold], 40, { lastReplanMs: T0 + 30 * 900_000 }).replan).toBe(true);
  });

  it('energy and temperature drift wait for a full window under the plan; slots from before it are not compared', () => {
    // Plan made in slot 36 (effective from 37): the unit ran at 3 kW before it, and 1 kW too much in slot 37.
    const before = { ...onPlan('a', 40), measuredPowerW: fill(1000).map((p, k) => (k < 37 ? 4000 : k < 40 ? (k === 37 ? 3000 : p) : null)), measuredTempC: fill(19).map((t, k) => (k < 40 ? t - 2 : null)) };
    const early = run([before], 40, { effectiveFromSlot: 37 });
    expect(early).toMatchObject({ fromSlot: 37, nowSlot: 40, enoughEvidence: false, replan: false, reasons: [] });
    expect(early.households[0]?.energyDeltaKWh).toBeCloseTo(0.5, 9); // slot 37 only: 2 kW × 0.25 h; the 4 kW before 37 is not counted
    // One slot later the window is full (37–40) and the room's 2 K shortfall triggers.
    const full = run([{ ...before, measuredTempC: fill(19).map((t, k) => (k < 41 ? t - 2 : null)), measuredPowerW: before.measuredPowerW.map((p, k) => (k === 40 ? 1000 : p)) }], 41, { effectiveFromSlot: 37 });
    expect(full).toMatchObject({ fromSlot: 37, enoughEvidence: true, replan: true });
    expect(full.reasons.join('\n')).toMatch(/a: room 2\.0 K colder than planned/);
    // Offline and overload do not wait.
    expect(run([{ ...onPlan('a', 38), id: 'a' }], 40, { effectiveFromSlot: 39 }).replan).toBe(true);
    expect(run([onPlan('a', 40, 6000), onPlan('b', 40, 6000)], 40, { effectiveFromSlot: 39 })).toMatchObject({ replan: true, overloadSlots: [39] });
  });

  it('nothing is left to replan after the last slot', () => {
    const cold = { ...onPlan('a', N), measuredTempC: fill(17) };
    expect(run([cold], N).replan).toBe(false);
  });
});

describe('rolling horizon', () => {
  it('cuts a household problem at a slot and starts it from the measured temperature', () => {
    const p = syntheticHousehold({ slots: 96, minTempC: (k) => (k < 30 ? 17 : 18) });
    const r = remainingProblem(p, 40, 17.3);
    expect(r.priceYuanPerKWh.length).toBe(56);
    expect(r.minTempC[0]).toBe(p.minTempC[40]);
    expect(r.initialTempC).toBe(17.3);
    expect(() => remainingProblem(p, 96, 18)).toThrow(/fromSlot 96/);
    expect(() => remainingProblem(p, 4, Number.NaN)).toThrow(/not a number/);
  });
  it('splices the new schedule after the slots already run', () => {
    expect(splice([1, 2, 3, 4], [9, 8], 2)).toEqual([1, 2, 9, 8]);
    expect(() => splice([1, 2, 3], [9], 1)).toThrow(/do not fill/);
  });
});
