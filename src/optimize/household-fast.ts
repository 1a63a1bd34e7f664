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

/**
 * Working arrays reused across calls (the solver runs millions of times in a fleet plan; fresh arrays per
 * call cost more in garbage collection than the solve). Safe: the solver is synchronous and not re-entrant.
 */
let scratch: { n: number; y: Float64Array; yMax: Float64Array; w: Float64Array; s: Float64Array; room: Float64Array; yb: Float64Array; elecCapW: Float64Array } | null = null;
function scratchFor(n: number): NonNullable<typeof scratch> {
  if (scratch?.n !== n) {
    scratch = { n, y: new Float64Array(n), yMax: new Float64Array(n), w: new Float64Array(n), s: new Float64Array(n), room: new Float64Array(n), yb: new Float64Array(n), elecCapW: new Float64Array(n) };
  } else {
    scratch.y.fill(0); scratch.s.fill(0); scratch.yb.fill(0);
  }
  return scratch;
}

export function solveHouseholdFast(h: PreparedHousehold, opts: FastSolveOptions = {}): FastSolution {
  const { p, d, aPow, lower, upper, slackUnitYuan } = h;
  const n = d.n;
  const backupMax = p.backupMaxW;
  const { y, yMax, w, s, room, yb: ybAll, elecCapW } = scratchFor(n);
  // Backup heater (COP 1): a second source in every slot, same prefix structure, dearer per unit of heat.
  const yb = backupMax ? ybAll : null;
  for (let j = 0; j < n; j++) {
    const cop = p.cop[j] as number;
    elecCapW[j] = opts.powerCapW ? Math.max(0, opts.powerCapW[j] as number) : Number.POSITIVE_INFINITY;
    const capW = Math.min(p.maxPowerW[j] as number, elecCapW[j] as number);
    yMax[j] = (capW * cop) / (aPow[j] as number);
    const price = (p.priceYuanPerKWh[j] as number) + (opts.priceAdderYuanPerKWh ? (opts.priceAdderYuanPerKWh[j] as number) : 0);
    w[j] = (price * d.slotH * (aPow[j] as number)) / (1000 * cop);
  }
  /** Backup heat still available in slot j (scaled units): its own limit and what the allowance leaves after the heat pump. */
  const backupLeft = (j: number): number => {
    if (!yb || !backupMax) return 0;
    const hpW = ((y[j] as number) * (aPow[j] as number)) / (p.cop[j] as number);
    const elecW = Math.min(backupMax[j] as number, Math.max(0, (elecCapW[j] as number) - hpW));
    return elecW / (aPow[j] as number) - (yb[j] as number);
  };
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
      let bestIsBackup = false;
      for (let j = 0; j <= c; j++) {
        if ((room[j] as number) <= eps) continue;
        // `<=` prefers the latest of equally cheap slots: heat just in time, less decay.
        if ((w[j] as number) <= bestW && (yMax[j] as number) - (y[j] as number) > eps) { best = j; bestW = w[j] as number; bestIsBackup = false; }
        // The heat pump in slot j is cheaper than the backup there (COP ≥ 1), so the backup in j is
        // only reached once the heat pump in j is exhausted.
        if (yb) {
          const wb = (w[j] as number) * (p.cop[j] as number);
          if (wb < bestW && backupLeft(j) > eps) { best = j; bestW = wb; bestIsBackup = true; }
        }
      }
      if (best < 0 || bestW >= (slackUnitYuan[c] as number)) break; // nothing can help (or heat dearer than the deficit): slack
      const avail = bestIsBackup ? backupLeft(best) : (yMax[best] as number) - (y[best] as number);
      const delta = Math.min(deficit, avail, room[best] as number);
      if (bestIsBackup && yb) yb[best] = (yb[best] as number) + delta; else y[best] = (y[best] as number) + delta;
      for (let m = best; m < n; m++) { s[m] = (s[m] as number) + delta; room[m] = (room[m] as number) - delta; }
      // Every prefix from `best` on lost the same room; only the minima before `best` need recomputing.
      let r = room[best] as number;
      for (let m = best - 1; m >= 0; m--) { r = Math.min(r, (upper[m] as number) - (s[m] as number)); room[m] = r; }
      deficit -= delta;
    }
  }
  const powerW = new Float64Array(n);
  for (let j = 0; j < n; j++) powerW[j] = ((y[j] as number) * (aPow[j] as number)) / (p.cop[j] as number);
  if (!yb) return evaluatePlan(h, powerW, opts.priceAdderYuanPerKWh);
  const backupW = new Float64Array(n);
  let any = false;
  for (let j = 0; j < n; j++) {
    backupW[j] = (yb[j] as number) * (aPow[j] as number);
    if ((backupW[j] as number) > 0) { any = true; powerW[j] = (powerW[j] as number) + (backupW[j] as number); }
  }
  return evaluatePlan(h, powerW, opts.priceAdderYuanPerKWh, any ? backupW : undefined);
}

/**
 * Cost, comfort and objective of a given schedule for a prepared household: `powerW` is the total electric
 * power, `backupW` the backup heater's part of it (none when absent).
 */
export function evaluatePlan(h: PreparedHousehold, powerW: Float64Array, adder?: Float64Array, backupW?: Float64Array): FastSolution {
  const { p, d } = h;
  const tempC = simulateTempC(p, d, powerW, backupW);
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
  return { id: p.id, powerW, ...(backupW ? { backupW } : {}), tempC, energyKWh, costYuan, objectiveYuan, comfortDeficitKh, comfortViolations };
}

/** Re-values a schedule (with its backup part) at the household's own tariff. */
export const revalue = (h: PreparedHousehold, plan: Pick<HouseholdPlan, 'powerW' | 'backupW'>): FastSolution => evaluatePlan(h, plan.powerW, undefined, plan.backupW);
