/**
 * Rolling horizon (model-predictive control): the rest of the day re-planned from the measured state.
 * The household problem is cut at `fromSlot` and starts from the measured room temperature; the new plan
 * is spliced after the slots already run. See drift.md.
 */
import type { HouseholdProblem } from '../household-problem.js';

const tail = (a: Float64Array, from: number) => a.slice(from);

/** The household's problem for slots [fromSlot, n), starting from `initialTempC` (measured). */
export function remainingProblem(p: HouseholdProblem, fromSlot: number, initialTempC: number): HouseholdProblem {
  const n = p.priceYuanPerKWh.length;
  if (!Number.isInteger(fromSlot) || fromSlot < 0 || fromSlot >= n) throw new Error(`remainingProblem: fromSlot ${fromSlot} is outside 0…${n - 1}`);
  if (!Number.isFinite(initialTempC)) throw new Error(`remainingProblem: initial temperature ${initialTempC} °C is not a number`);
  return {
    ...p,
    priceYuanPerKWh: tail(p.priceYuanPerKWh, fromSlot),
    cop: tail(p.cop, fromSlot),
    maxPowerW: tail(p.maxPowerW, fromSlot),
    outdoorC: tail(p.outdoorC, fromSlot),
    gainsW: tail(p.gainsW, fromSlot),
    minTempC: tail(p.minTempC, fromSlot),
    maxTempC: tail(p.maxTempC, fromSlot),
    ...(p.backupMaxW ? { backupMaxW: tail(p.backupMaxW, fromSlot) } : {}),
    initialTempC,
  };
}

/** The day's series: slots before `fromSlot` from the old plan, the rest from the new one. */
export function splice(old: ArrayLike<number>, fresh: ArrayLike<number>, fromSlot: number): number[] {
  const out = Array.from(old);
  if (fresh.length !== out.length - fromSlot) throw new Error(`splice: ${fresh.length} new slots do not fill ${out.length - fromSlot} slots from ${fromSlot}`);
  for (let k = 0; k < fresh.length; k++) out[fromSlot + k] = fresh[k] as number;
  return out;
}
