/**
 * Specialised exact solver for the household LP of household-lp.md (1R1C, no churn term).
 * With y_j = a^(−j)·Q_j the end-of-slot temperatures become prefix sums, T_c = F_c + b·a^c·Σ_{j≤c} y_j,
 * so the LP is min Σ w_j y_j s.t. L_c ≤ Σ_{j≤c} y_j ≤ U_c, 0 ≤ y_j ≤ ȳ_j: a covering problem over nested
 * prefix sets. It is solved greedily: walk the slot ends in time order and cover each deficit with the
 * cheapest earlier slot that still has unit capacity and upper-bound room in every later prefix
 * (any unit bought before c helps every later constraint equally, so only its price and the room it
 * uses distinguish it). Optimality is checked against HiGHS in household-fast.test.ts. O(n²) per solve.
 */
import { COMFORT_TOLERANCE_K, type HouseholdPlan, type HouseholdProblem } from './household-problem.js';
import { discretise, simulateTempC, type Discretised } from './rc-model.js';

export interface PreparedHousehold {
  readonly p: HouseholdProblem;
  readonly d: Discretised;
  /** a^j, lower/upper prefix bounds L_c/U_c, slack cost per scaled unit. */
  readonly aPow: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly slackUnitYuan: Float64Array;
}

export function prepareHousehold(p: HouseholdProblem): PreparedHousehold {
  const d = discretise(p);
  const { n, a, bKPerW: b } = d;
  const aPow = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const slackUnitYuan = new Float64Array(n);
  let ap = 1;
  for (let c = 0; c < n; c++) {
    aPow[c] = ap;
    const scale = b * ap;
    lower[c] = ((p.minTempC[c] as number) - (d.freeC[c] as number)) / scale;
    upper[c] = ((d.maxEffC[c] as number) - (d.freeC[c] as number)) / scale;
    slackUnitYuan[c] = (d.penaltyYuanPerK[c] as number) * scale;
    ap *= a;
  }
  return { p, d, aPow, lower, upper, slackUnitYuan };
}

export interface FastSolveOptions {
  /** Added to the household price in each slot (a coordination price, yuan/kWh). */
  readonly priceAdderYuanPerKWh?: Float64Array;
  /** Per-slot electric power allowance (W), applied on top of the unit's own limit. */
  readonly powerCapW?: Float64Array;
}

export interface FastSolution extends HouseholdPlan {
  /** Σ (price + adder)·energy + comfort penalty: the household's Lagrangian term. */
  readonly objectiveYuan: number;
}

export function solveHouseholdFast(h: PreparedHousehold, opts: FastSolveOptions = {}): FastSolution {
  const { p, d, aPow, lower, upper, slackUnitYuan } = h;
  const n = d.n;
  const y = new Float64Array(n);
  const yMax = new Float64Array(n);
  const w = new Float64Array(n);
  const s = new Float64Array(n);
  const room = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const cop = p.cop[j] as number;
    const capW = Math.min(p.maxPowerW[j] as number, opts.powerCapW ? Math.max(0, opts.powerCapW[j] as number) : Number.POSITIVE_INFINITY);
    yMax[j] = (capW * cop) / (aPow[j] as number);
    const price = (p.priceYuanPerKWh[j] as number) + (opts.priceAdderYuanPerKWh ? (opts.priceAdderYuanPerKWh[j] as number) : 0);
    w[j] = (price * d.slotH * (aPow[j] as number)) / (1000 * cop);
  }
  const refreshRoom = () => {
    let m = Number.POSITIVE_INFINITY;
    for (let k = n - 1; k >= 0; k--) { m = Math.min(m, (upper[k] as number) - (s[k] as number)); room[k] = m; }
  };
  refreshRoom();
  for (let c = 0; c < n; c++) {
    const target = lower[c] as number;
    const eps = 1e-9 * (1 + Math.abs(target));
    let deficit = target - (s[c] as number);
    while (deficit > eps) {
      let best = -1;
      let bestW = Number.POSITIVE_INFINITY;
      for (let j = 0; j <= c; j++) {
        // `<=` prefers the latest of equally cheap slots: heat just in time, less decay.
        if ((w[j] as number) <= bestW && (yMax[j] as number) - (y[j] as number) > eps && (room[j] as number) > eps) { best = j; bestW = w[j] as number; }
      }
      if (best < 0 || bestW >= (slackUnitYuan[c] as number)) break; // nothing can help (or heat dearer than the deficit): slack
      const delta = Math.min(deficit, (yMax[best] as number) - (y[best] as number), room[best] as number);
      y[best] = (y[best] as number) + delta;
      for (let m = best; m < n; m++) { s[m] = (s[m] as number) + delta; room[m] = (room[m] as number) - delta; }
      // Every prefix from `best` on lost the same room; only the minima before `best` need recomputing.
      let r = room[best] as number;
      for (let m = best - 1; m >= 0; m--) { r = Math.min(r, (upper[m] as number) - (s[m] as number)); room[m] = r; }
      deficit -= delta;
    }
  }
  const powerW = new Float64Array(n);
  for (let j = 0; j < n; j++) powerW[j] = ((y[j] as number) * (aPow[j] as number)) / (p.cop[j] as number);
  return evaluatePlan(h, powerW, opts.priceAdderYuanPerKWh);
}

/** Cost, comfort and objective of a given power schedule for a prepared household. */
export function evaluatePlan(h: PreparedHousehold, powerW: Float64Array, adder?: Float64Array): FastSolution {
  const { p, d } = h;
  const tempC = simulateTempC(p, d, powerW);
  let energyKWh = 0, costYuan = 0, objectiveYuan = 0, comfortDeficitKh = 0, comfortViolations = 0;
  for (let k = 0; k < d.n; k++) {
    const e = ((powerW[k] as number) * d.slotH) / 1000;
    energyKWh += e;
    costYuan += e * (p.priceYuanPerKWh[k] as number);
    objectiveYuan += e * ((p.priceYuanPerKWh[k] as number) + (adder ? (adder[k] as number) : 0));
    const deficit = Math.max(0, (p.minTempC[k] as number) - (tempC[k] as number));
    objectiveYuan += deficit * (d.penaltyYuanPerK[k] as number);
    comfortDeficitKh += deficit * d.slotH;
    if (deficit > COMFORT_TOLERANCE_K) comfortViolations++;
  }
  return { id: p.id, powerW, tempC, energyKWh, costYuan, objectiveYuan, comfortDeficitKh, comfortViolations };
}
