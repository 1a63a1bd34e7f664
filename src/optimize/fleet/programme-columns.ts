/**
 * Dantzig–Wolfe column generation for the programme limit with HiGHS (programme-target.md): the restricted
 * master chooses, per household, a convex combination of its schedules under every transformer row and the
 * programme row per slot,
 *
 *     min Σ_i Σ_s c_is μ_is + box·Δt·Σ_r o_r
 *     s.t. Σ_s μ_is = 1 (π_i),   Σ_{i∈g} Σ_s P_isk μ_is − o_gk ≤ cap_gk (−λ_gk Δt),   Σ_i Σ_s P_isk μ_is − o_k ≤ room_k (−ν_k Δt)
 *
 * Each household prices out with the exact specialised solver at its tariff + λ_g(i),k + ν_k — its transformer
 * price plus the programme price — which also gives the Lagrangian bound
 *     L(λ, ν) = Σ_i min_x [c_i(x) + Σ_k (λ_g(i),k + ν_k) P_ik Δt] − Σ_g Σ_k λ_gk cap_gk Δt − Σ_k ν_k room_k Δt,
 * valid for any λ, ν ≥ 0. Overload columns o priced at a box cap (du Merle et al. 1999; grown ×4 when the
 * master still buys overload) stabilise early duals, as in column-generation.ts;
 * only an overload-free master is a plan. One HiGHS model is grown with addCols.
 */
import type { Highs } from 'highs';
import { revalue, solveHouseholdFast, type FastSolution, type PreparedHousehold } from '../household-fast.js';
import type { HouseholdPlan } from '../household-problem.js';
import { clipToCapacity, ScheduleMix } from './schedule-mix.js';

/** HiGHS `simplex_strategy` values. */
const SIMPLEX_DUAL = 1;
const SIMPLEX_PRIMAL = 4;

export interface ProgrammeColumnsInput {
  /** Households in master order, with the index of their transformer group. */
  readonly households: readonly PreparedHousehold[];
  readonly groupOf: readonly number[];
  /** Heat-pump capacity of each group per slot (W). */
  readonly capacityW: readonly Float64Array[];
  /** Programme room per slot (W): the limit minus committed power. */
  readonly roomW: Float64Array;
  /** Schedules to start from (per household), at least one plan that keeps every limit among them. */
  readonly initial: readonly (readonly HouseholdPlan[])[];
  readonly gapTolerance: number;
  readonly maxRounds: number;
  /** Best lower bound already known. */
  readonly lowerYuan: number;
}

export interface ProgrammeColumnsResult {
  readonly plans: FastSolution[];
  readonly upperYuan: number;
  readonly lowerYuan: number;
  readonly rounds: number;
  /** Programme price per slot of the last master (yuan/kWh). */
  readonly programmePriceYuanPerKWh: Float64Array;
}

export function programmeColumns(highs: Highs, o: ProgrammeColumnsInput): ProgrammeColumnsResult | null {
  const hh = o.households;
  const H = hh.length;
  const G = o.capacityW.length;
  const n = o.roomW.length;
  const slotH = hh[0]?.d.slotH ?? 0;
  const R = (G + 1) * n; // coupling rows: transformer g slot k at H + g·n + k, programme slot k at H + G·n + k
  const numRows = H + R;
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < H; i++) { rowLower[i] = 1; rowUpper[i] = 1; }
  o.capacityW.forEach((c, g) => { for (let k = 0; k < n; k++) rowUpper[H + g * n + k] = (c[k] as number) / 1000; });
  for (let k = 0; k < n; k++) rowUpper[H + G * n + k] = (o.roomW[k] as number) / 1000;
  // The adder stays below each household's comfort-penalty price: heat beats a deficit and the bound stays valid.
  // A common cap per slot keeps the bound consistent: the clipped prices are used both in the households' step
  // and in the terms subtracted for the rows.
  const adderMax = Float64Array.from({ length: n }, (_, k) => Math.min(...hh.map((h) => Math.max(0, h.p.penaltyPriceYuanPerKWh - (h.p.priceYuanPerKWh[k] as number)))));
  // The box rises past the comfort-penalty price and then to a prohibitive level: a kWh withheld from a household
  // can cost deficits over many later slots, so the master must prefer any deficit to overload in the end (the
  // shared-out plan among the initial columns keeps every limit, so an overload-free master always exists).
  const boxCap = 1e3 * 4 * Math.max(...hh.map((h) => h.p.penaltyPriceYuanPerKWh));
  let box = Math.max(...hh.flatMap((h) => [...h.p.priceYuanPerKWh]));
  const model = highs.createModel({
    numCols: R, numRows, colCost: new Float64Array(R).fill(box * slotH), colLower: new Float64Array(R), colUpper: new Float64Array(R).fill(Infinity), rowLower, rowUpper,
    matrix: { format: 'csc', numRows, numCols: R, starts: Int32Array.from({ length: R + 1 }, (_, r) => r), indices: Int32Array.from({ length: R }, (_, r) => H + r), values: new Float64Array(R).fill(-1) },
  });
  const owners: number[] = [];
  const schedules: HouseholdPlan[] = [];
  const seen = hh.map(() => new Set<string>());
  try {
    model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: SIMPLEX_DUAL });
    const addColumns = (plans: readonly (readonly [number, HouseholdPlan])[]): number => {
      const cost: number[] = [], starts: number[] = [0], indices: number[] = [], values: number[] = [];
      for (const [i, plan] of plans) {
        const key = Array.from(plan.powerW, (w) => Math.round(w)).join(',');
        if (seen[i]?.has(key)) continue;
        seen[i]?.add(key);
        cost.push(revalue(hh[i] as PreparedHousehold, plan).objectiveYuan);
        indices.push(i); values.push(1);
        const g = o.groupOf[i] as number;
        for (let k = 0; k < n; k++) {
          const kw = (plan.powerW[k] as number) / 1000;
          if (kw > 1e-12) { indices.push(H + g * n + k, H + G * n + k); values.push(kw, kw); }
        }
        starts.push(indices.length);
        owners.push(i); schedules.push(plan);
      }
      if (cost.length === 0) return 0;
      model.addCols({
        cost: Float64Array.from(cost), lower: new Float64Array(cost.length), upper: new Float64Array(cost.length).fill(Infinity),
        matrix: { format: 'csc', numRows, numCols: cost.length, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
      });
      return cost.length;
    };
    addColumns(o.initial.flatMap((plans) => plans.map((p, i) => [i, p] as const)));
    let lower = o.lowerYuan;
    let upper = Number.POSITIVE_INFINITY;
    let accepted = new Float64Array(0);
    const nu = new Float64Array(n);
    let rounds = 0;
    for (rounds = 1; rounds <= o.maxRounds; rounds++) {
      // First master by dual simplex; after added columns the basis stays primal feasible, so primal simplex restarts from it.
      if (rounds === 2) model.options.set({ simplex_strategy: SIMPLEX_PRIMAL });
      const run = model.run();
      if (run.modelStatus !== highs.constants.modelStatus.optimal) return null;
      const sol = model.getSolution();
      let overloadKW = 0;
      for (let r = 0; r < R; r++) overloadKW += Math.max(0, sol.colValue[r] as number);
      if (overloadKW <= 1e-9) { upper = model.getObjectiveValue(); accepted = Float64Array.from(sol.colValue); }
      // Prices from the duals, clipped so λ_g + ν ≤ the common cap in every slot (ν first).
      const dualPrice = (r: number) => Math.max(0, -(sol.rowDual[H + r] as number)) / slotH;
      for (let k = 0; k < n; k++) nu[k] = Math.min(adderMax[k] as number, dualPrice(G * n + k));
      const lambda = Float64Array.from({ length: G * n }, (_, r) => Math.min(dualPrice(r), (adderMax[r % n] as number) - (nu[r % n] as number)));
      let dual = 0;
      const improving: [number, HouseholdPlan][] = [];
      hh.forEach((h, i) => {
        const g = o.groupOf[i] as number;
        const adder = Float64Array.from({ length: n }, (_, k) => (lambda[g * n + k] as number) + (nu[k] as number));
        const r = solveHouseholdFast(h, { priceAdderYuanPerKWh: adder });
        dual += r.objectiveYuan;
        const pi = sol.rowDual[i] as number;
        if (r.objectiveYuan < pi - 1e-9 * (1 + Math.abs(pi))) improving.push([i, r]);
      });
      for (let g = 0; g < G; g++) for (let k = 0; k < n; k++) dual -= (lambda[g * n + k] as number) * slotH * ((o.capacityW[g]?.[k] as number) / 1000);
      for (let k = 0; k < n; k++) dual -= (nu[k] as number) * slotH * ((o.roomW[k] as number) / 1000);
      lower = Math.max(lower, dual);
      if (Number.isFinite(upper) && upper - lower <= o.gapTolerance * upper) break;
      const added = improving.length > 0 ? addColumns(improving) : 0;
      // Unlike a single transformer (column-generation.ts), comfort deficits here can make overload at the box
      // price the master's cheapest way out for many rounds: the box grows every round the master still buys it.
      if (overloadKW > 1e-9 && box < boxCap) {
        box = box * 4 >= 4 * Math.max(...hh.map((h) => h.p.penaltyPriceYuanPerKWh)) ? boxCap : box * 4;
        model.changeColsCost({ kind: 'range', from: 0, to: R - 1 }, new Float64Array(R).fill(box * slotH));
      } else if (added === 0) break;
    }
    if (!Number.isFinite(upper)) return null;
    const mix = hh.map(() => new ScheduleMix(n));
    owners.forEach((i, s) => { const mu = accepted[R + s] as number; if (mu > 0) mix[i]?.add(mu, schedules[s] as HouseholdPlan); });
    // Solver round-off: scale slots down so every transformer and the programme hold exactly.
    o.capacityW.forEach((c, g) => clipToCapacity(mix.filter((_, i) => o.groupOf[i] === g), c));
    clipToCapacity(mix, o.roomW);
    const plans = hh.map((h, i) => revalue(h, (mix[i] as ScheduleMix).schedule()));
    const value = plans.reduce((s, p) => s + p.objectiveYuan, 0);
    return { plans, upperYuan: value, lowerYuan: Math.min(lower, value), rounds: Math.min(rounds, o.maxRounds), programmePriceYuanPerKWh: nu };
  } finally {
    model.dispose();
  }
}
