/**
 * Exact-in-the-limit coordination of one transformer group by Dantzig–Wolfe column generation
 * (Dantzig & Wolfe 1960; Lübbecke & Desrosiers 2005, "Selected topics in column generation", Oper. Res.
 * 53(6)). The restricted master chooses, per household, a convex combination of schedules it has
 * proposed, under the transformer row per slot:
 *
 *     min Σ_i Σ_s c_is μ_is   s.t.  Σ_s μ_is = 1 (π_i),   Σ_i Σ_s P_isk μ_is ≤ cap_k (−ν_k ≤ 0),   μ ≥ 0
 *
 * Its slot duals ν_k are the coordination prices (λ_k = ν_k / Δt_h yuan/kWh); each household prices out
 * exactly with the specialised solver at λ, which also gives the Lagrangian lower bound L(λ). The
 * master's optimum is a transformer-feasible plan (upper bound), so every round carries a certified gap.
 * One HiGHS model is kept and grown (addCols), so each re-solve starts from the previous basis.
 * Overload columns (one per slot, at a prohibitive price) keep the master feasible before enough
 * schedules exist; a plan that still uses them is reported as not found (null).
 */
import type { Highs } from 'highs';
import { revalue, solveHouseholdFast, type FastSolution, type PreparedHousehold } from '../household-fast.js';
import { clipToCapacity, ScheduleMix, type Schedule } from './schedule-mix.js';

export interface ColumnGenerationResult {
  readonly plans: FastSolution[];
  readonly upperYuan: number;
  readonly lowerYuan: number;
  readonly rounds: number;
  readonly householdSolves: number;
}

export interface ColumnGenerationOptions {
  readonly gapTolerance: number;
  readonly maxRounds: number;
  /** λ is kept at or below this (yuan/kWh) so heat always beats a comfort deficit in the pricing step. */
  readonly lambdaMaxYuanPerKWh: number;
  /** Best lower bound already known (e.g. from subgradient steps). */
  readonly lowerYuan: number;
}

/**
 * Box stabilisation (du Merle, Villeneuve, Desrosiers & Hansen 1999, Discrete Math. 194): the overload
 * columns are priced at a cap on λ, starting at the day's dearest tariff price. The slot duals then
 * cannot exceed the cap, so early masters (few schedules, dear comfort-deficit mixes) do not send
 * prices to the comfort-penalty level. While the master still buys overload and no schedule prices
 * out, the cap is raised by this factor; a plan is accepted only with zero overload.
 */
const BOX_GROWTH = 4;
/** HiGHS `simplex_strategy` values. */
const SIMPLEX_DUAL = 1;
const SIMPLEX_PRIMAL = 4;

/**
 * The schedules a household already has in the master, keyed by a hash of the power rounded to whole
 * watts (responses repeat often; a duplicate column only slows the master). Equal hashes are confirmed
 * element by element.
 */
class ScheduleSet {
  private readonly byHash = new Map<number, Float64Array[]>();
  /** Adds the schedule; false when an equal one (to the watt) is already in. */
  add(powerW: Float64Array): boolean {
    let hash = 0x811c9dc5;
    for (let k = 0; k < powerW.length; k++) hash = Math.imul(hash ^ Math.round(powerW[k] as number), 0x01000193);
    const bucket = this.byHash.get(hash);
    if (!bucket) { this.byHash.set(hash, [powerW]); return true; }
    const same = (x: Float64Array) => x.every((w, k) => Math.round(w) === Math.round(powerW[k] as number));
    if (bucket.some(same)) return false;
    bucket.push(powerW);
    return true;
  }
}


export function columnGeneration(highs: Highs, hh: readonly PreparedHousehold[], capacityW: Float64Array, initial: readonly (readonly FastSolution[])[], o: ColumnGenerationOptions): ColumnGenerationResult | null {
  const n = capacityW.length;
  const H = hh.length;
  const slotH = hh[0]?.d.slotH ?? 0;
  const owners: number[] = [];
  const schedules: Schedule[] = [];
  const seen = hh.map(() => new ScheduleSet());
  const rowLower = new Float64Array(H + n).fill(-Infinity);
  const rowUpper = new Float64Array(H + n);
  for (let i = 0; i < H; i++) { rowLower[i] = 1; rowUpper[i] = 1; }
  for (let k = 0; k < n; k++) rowUpper[H + k] = (capacityW[k] as number) / 1000;
  // Overload columns first (column k = slot k), then schedules.
  let boxYuanPerKWh = Math.min(o.lambdaMaxYuanPerKWh, Math.max(...hh.flatMap((h) => [...h.p.priceYuanPerKWh])));
  const model = highs.createModel({
    numCols: n, numRows: H + n, colCost: new Float64Array(n).fill(boxYuanPerKWh * slotH), colLower: new Float64Array(n), colUpper: new Float64Array(n).fill(Infinity),
    rowLower, rowUpper,
    matrix: { format: 'csc', numRows: H + n, numCols: n, starts: Int32Array.from({ length: n + 1 }, (_, k) => k), indices: Int32Array.from({ length: n }, (_, k) => H + k), values: new Float64Array(n).fill(-1) },
  });
  try {
    // The first master is solved from scratch by dual simplex; adding columns keeps the basis primal
    // feasible, so later rounds restart primal simplex from it (about 3× faster than dual there). The
    // master is small and has no redundancy for presolve to remove: presolve off (~15 % less CPU).
    model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: SIMPLEX_DUAL });
    /** Adds [household index, schedule] pairs not yet in the master; returns how many were new. */
    const addColumns = (plans: readonly (readonly [number, FastSolution])[]): number => {
      const cost: number[] = [];
      const starts: number[] = [0];
      const indices: number[] = [];
      const values: number[] = [];
      plans.forEach(([i, plan]) => {
        if (!seen[i]?.add(plan.powerW)) return;
        const own = revalue(hh[i] as PreparedHousehold, plan);
        cost.push(own.objectiveYuan);
        indices.push(i); values.push(1);
        for (let k = 0; k < n; k++) if ((plan.powerW[k] as number) > 1e-9) { indices.push(H + k); values.push((plan.powerW[k] as number) / 1000); }
        starts.push(indices.length);
        owners.push(i);
        schedules.push(plan);
      });
      const count = cost.length;
      if (count === 0) return 0;
      model.addCols({
        cost: Float64Array.from(cost), lower: new Float64Array(count), upper: new Float64Array(count).fill(Infinity),
        matrix: { format: 'csc', numRows: H + n, numCols: count, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
      });
      return count;
    };
    addColumns(initial.flatMap((plans) => plans.map((p, i) => [i, p] as const))); // one addCols call: each costs a copy into HiGHS
    let lower = o.lowerYuan;
    let upper = Number.POSITIVE_INFINITY;
    let solves = 0;
    let rounds = 0;
    let colValue = new Float64Array(0);
    const lambda = new Float64Array(n);
    /** Household responses at λ: raise the lower bound; return the schedules that price out (negative reduced cost). */
    const priceOut = (rowDual: Float64Array): [number, FastSolution][] => {
      const responses = hh.map((h) => solveHouseholdFast(h, { priceAdderYuanPerKWh: lambda }));
      solves += H;
      let dual = 0;
      for (const r of responses) dual += r.objectiveYuan;
      for (let k = 0; k < n; k++) dual -= ((lambda[k] as number) * (capacityW[k] as number) * slotH) / 1000;
      lower = Math.max(lower, dual);
      // Reduced cost c − π_i + Σ_k ν_k P_k/1000 is the response's objective at λ = ν/Δt minus π_i.
      return responses.flatMap((r, i) => (r.objectiveYuan < (rowDual[i] as number) - 1e-9 * (1 + Math.abs(rowDual[i] as number)) ? [[i, r] as [number, FastSolution]] : []));
    };
    for (rounds = 1; rounds <= o.maxRounds; rounds++) {
      if (rounds === 2) model.options.set({ simplex_strategy: SIMPLEX_PRIMAL });
      const run = model.run();
      if (run.modelStatus !== highs.constants.modelStatus.optimal) return null;
      const sol = model.getSolution();
      colValue = Float64Array.from(sol.colValue);
      let overloadKW = 0;
      for (let k = 0; k < n; k++) overloadKW += colValue[k] as number;
      if (overloadKW <= 1e-9) upper = model.getObjectiveValue();
      for (let k = 0; k < n; k++) lambda[k] = Math.min(o.lambdaMaxYuanPerKWh, Math.max(0, -(sol.rowDual[H + k] as number)) / slotH);
      // (Wentges smoothing towards the best-bound prices was tried: 2–3× more rounds on the bench groups.)
      const improving = priceOut(sol.rowDual);
      if (Number.isFinite(upper) && upper - lower <= o.gapTolerance * upper) break;
      if (improving.length > 0 && addColumns(improving) > 0) continue;
      if (overloadKW <= 1e-9 || boxYuanPerKWh >= o.lambdaMaxYuanPerKWh) break; // optimal for the restricted problem
      boxYuanPerKWh = Math.min(o.lambdaMaxYuanPerKWh, boxYuanPerKWh * BOX_GROWTH);
      model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, new Float64Array(n).fill(boxYuanPerKWh * slotH));
    }
    if (!Number.isFinite(upper)) return null;
    const mix = hh.map(() => new ScheduleMix(n));
    owners.forEach((i, s) => {
      const mu = colValue[n + s] as number;
      if (mu > 0) mix[i]?.add(mu, schedules[s] as Schedule);
    });
    clipToCapacity(mix, capacityW);
    const plans = hh.map((h, i) => revalue(h, (mix[i] as ScheduleMix).schedule()));
    const value = plans.reduce((s, p) => s + p.objectiveYuan, 0);
    return { plans, upperYuan: value, lowerYuan: Math.min(lower, value), rounds, householdSolves: solves };
  } finally {
    model.dispose();
  }
}
