/**
 * Feasibility restoration: turns a (possibly overloading) fleet schedule into one that never exceeds
 * the transformer. Each household gets a per-slot allowance — its share of the reference schedule,
 * scaled down where the reference overloads and topped up with spare capacity (in proportion to its
 * unused unit capacity) elsewhere — so the allowances sum to at most the capacity. Each household then
 * re-optimises at its own tariff within its allowance; households still short of comfort get the
 * capacity left over, one after another. Households short of comfort even alone (`priority`) are served first. Comfort is never traded for the limit silently: remaining
 * deficits are reported by the caller.
 */
import { revalue, solveHouseholdFast, type FastSolution, type PreparedHousehold } from '../household-fast.js';

/** Largest electric draw of the household in slot k: heat pump plus backup heater. */
const unitMaxW = (h: PreparedHousehold, k: number): number => (h.p.maxPowerW[k] as number) + (h.p.backupMaxW ? (h.p.backupMaxW[k] as number) : 0);

export function restore(hh: readonly PreparedHousehold[], reference: readonly Float64Array[], capacityW: Float64Array, priority: readonly boolean[], priceAdderYuanPerKWh?: Float64Array): FastSolution[] {
  const n = capacityW.length;
  const refLoad = new Float64Array(n);
  const priorityLoad = new Float64Array(n);
  const spare = new Float64Array(n);
  hh.forEach((h, i) => {
    const r = reference[i] as Float64Array;
    for (let k = 0; k < n; k++) {
      refLoad[k] = (refLoad[k] as number) + (r[k] as number);
      if (priority[i]) priorityLoad[k] = (priorityLoad[k] as number) + (r[k] as number);
      spare[k] = (spare[k] as number) + Math.max(0, unitMaxW(h, k) - (r[k] as number));
    }
  });
  const allowances = hh.map((h, i) => {
    const r = reference[i] as Float64Array;
    const a = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const cap = capacityW[k] as number;
      const load = refLoad[k] as number;
      const rk = r[k] as number;
      const pLoad = priorityLoad[k] as number;
      // Where the reference overloads, households already short of comfort keep their share first
      // (a comfort deficit costs more than any energy); the others share what is left pro rata.
      if (load > cap) a[k] = priority[i] ? (pLoad > cap ? (rk * cap) / pLoad : rk) : (load - pLoad > 0 ? (rk * Math.max(0, cap - pLoad)) / (load - pLoad) : 0);
      else {
        const free = Math.max(0, unitMaxW(h, k) - rk);
        a[k] = rk + ((spare[k] as number) > 0 ? ((cap - load) * free) / (spare[k] as number) : 0);
      }
    }
    return a;
  });
  // Within its allowance each household still sees the coordination price, so it keeps to the slots the
  // dual found cheap for the fleet; the plan is then valued at the household's own tariff.
  const plans = hh.map((h, i) => {
    const opts = priceAdderYuanPerKWh ? { powerCapW: allowances[i] as Float64Array, priceAdderYuanPerKWh } : { powerCapW: allowances[i] as Float64Array };
    return revalue(h, solveHouseholdFast(h, opts));
  });
  const left = Float64Array.from(capacityW);
  for (const pl of plans) for (let k = 0; k < n; k++) left[k] = (left[k] as number) - (pl.powerW[k] as number);
  plans.forEach((pl, i) => {
    if (pl.comfortViolations === 0) return;
    const wider = new Float64Array(n);
    for (let k = 0; k < n; k++) wider[k] = (pl.powerW[k] as number) + Math.max(0, left[k] as number);
    const again = solveHouseholdFast(hh[i] as PreparedHousehold, { powerCapW: wider });
    if (again.objectiveYuan < pl.objectiveYuan) {
      for (let k = 0; k < n; k++) left[k] = (left[k] as number) + (pl.powerW[k] as number) - (again.powerW[k] as number);
      plans[i] = again;
    }
  });
  return plans;
}

/**
 * Sequential restoration: households in turn take their best response at the coordination price
 * within the capacity the earlier ones left. Cheap, and good when the price already separates slots.
 */
export function restoreSequential(hh: readonly PreparedHousehold[], capacityW: Float64Array, priceAdderYuanPerKWh: Float64Array): FastSolution[] {
  const left = Float64Array.from(capacityW);
  return hh.map((h) => {
    const sol = solveHouseholdFast(h, { powerCapW: left, priceAdderYuanPerKWh });
    for (let k = 0; k < left.length; k++) left[k] = Math.max(0, (left[k] as number) - (sol.powerW[k] as number));
    return revalue(h, sol);
  });
}

/**
 * Block-coordinate improvement of a transformer-feasible plan: each household in turn re-optimises at
 * its own tariff within its current schedule plus the capacity the others leave free. Every step is
 * exact for that household, keeps the limit and never raises the objective; sweeps stop when one gains
 * less than `minGainYuan` or after `maxSweeps`.
 */
export function improveByTurns(hh: readonly PreparedHousehold[], plans: FastSolution[], capacityW: Float64Array, minGainYuan: number, maxSweeps: number): FastSolution[] {
  const n = capacityW.length;
  const left = Float64Array.from(capacityW);
  for (const pl of plans) for (let k = 0; k < n; k++) left[k] = (left[k] as number) - (pl.powerW[k] as number);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let gain = 0;
    plans.forEach((pl, i) => {
      const room = new Float64Array(n);
      for (let k = 0; k < n; k++) room[k] = (pl.powerW[k] as number) + Math.max(0, left[k] as number);
      const again = solveHouseholdFast(hh[i] as PreparedHousehold, { powerCapW: room });
      if (again.objectiveYuan < pl.objectiveYuan - 1e-12) {
        gain += pl.objectiveYuan - again.objectiveYuan;
        for (let k = 0; k < n; k++) left[k] = (left[k] as number) + (pl.powerW[k] as number) - (again.powerW[k] as number);
        plans[i] = again;
      }
    });
    if (gain < minGainYuan) break;
  }
  return plans;
}
