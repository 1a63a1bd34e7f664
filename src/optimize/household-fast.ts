/**
 * Specialised exact solver for the household LP of household-lp.md (1R1C, no churn term).
 * With y_j = a^(−j)·Q_j the end-of-slot temperatures become prefix sums, T_c = F_c + b·a^c·Σ_{j≤c} y_j,
 * so the LP is min Σ w_j y_j s.t. L_c ≤ Σ_{j≤c} y_j ≤ U_c, 0 ≤ y_j ≤ ȳ_j: a covering problem over nested
 * prefix sets. It is solved greedily: walk the slot ends in time order and cover each deficit with the
 * cheapest earlier slot that still has unit capacity and upper-bound room in every later prefix
 * (any unit bought before c helps every later constraint equally, so only its price and the room it
 * uses distinguish it). Optimality is checked against HiGHS in household.test.ts. A heap of open items
 * and a block structure for the room (cover-structures.ts) make a solve O(n √n) instead of O(n²).
 */
import { COMFORT_TOLERANCE_K, type HouseholdPlan, type HouseholdProblem } from './household-problem.js';
import { discretise, simulateTempC, type Discretised } from './rc-model.js';
import { ItemHeap, SuffixRoom } from './cover-structures.js';

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
interface Scratch {
  readonly n: number;
  readonly y: Float64Array;
  readonly yMax: Float64Array;
  /** Unit price per item: [0, n) heat pump, [n, 2n) backup heater (scaled units). */
  readonly price: Float64Array;
  readonly yb: Float64Array;
  readonly elecCapW: Float64Array;
  readonly room: SuffixRoom;
  readonly heap: ItemHeap;
}
let scratch: Scratch | null = null;
function scratchFor(n: number): Scratch {
  if (scratch?.n !== n) {
    scratch = { n, y: new Float64Array(n), yMax: new Float64Array(n), price: new Float64Array(2 * n), yb: new Float64Array(n), elecCapW: new Float64Array(n), room: new SuffixRoom(n), heap: new ItemHeap(n) };
  } else {
    scratch.y.fill(0); scratch.yb.fill(0);
  }
  return scratch;
}

/**
 * The greedy of household-lp.md. Walking the slot ends c in time order, each deficit L_c − S (S = all heat
 * bought so far, which is the prefix sum at c) is covered by the cheapest open item of a slot j ≤ c: the
 * heat pump (price w_j) or the backup heater (w_j·COP_j) of that slot, bounded by its capacity and by the
 * room min_{m ≥ j}(U_m − s_m) under every later ceiling. Items enter a heap as c reaches their slot; an
 * item without capacity or room never regains it (both only shrink), so it leaves the heap for good.
 */
export function solveHouseholdFast(h: PreparedHousehold, opts: FastSolveOptions = {}): FastSolution {
  const { p, d, aPow, lower, upper, slackUnitYuan } = h;
  const n = d.n;
  const backupMax = p.backupMaxW;
  const { y, yMax, price, yb, elecCapW, room, heap } = scratchFor(n);
  const adder = opts.priceAdderYuanPerKWh;
  const powerCap = opts.powerCapW;
  for (let j = 0; j < n; j++) {
    const cop = p.cop[j] as number;
    elecCapW[j] = powerCap ? Math.max(0, powerCap[j] as number) : Number.POSITIVE_INFINITY;
    const capW = Math.min(p.maxPowerW[j] as number, elecCapW[j] as number);
    yMax[j] = (capW * cop) / (aPow[j] as number);
    const w = (((p.priceYuanPerKWh[j] as number) + (adder ? (adder[j] as number) : 0)) * d.slotH * (aPow[j] as number)) / (1000 * cop);
    price[j] = w;
    // Backup heater (COP 1): a second item in the same slot, dearer per unit of heat.
    price[n + j] = w * cop;
  }
  room.reset(upper);
  heap.reset(price);
  /** Backup heat still available in slot j (scaled units): its own limit and what the allowance leaves after the heat pump. */
  const backupLeft = (j: number, bMax: Float64Array): number => {
    const hpW = ((y[j] as number) * (aPow[j] as number)) / (p.cop[j] as number);
    const elecW = Math.min(bMax[j] as number, Math.max(0, (elecCapW[j] as number) - hpW));
    return elecW / (aPow[j] as number) - (yb[j] as number);
  };
  let bought = 0;
  for (let c = 0; c < n; c++) {
    if ((yMax[c] as number) > 0) heap.push(c);
    // The heat pump in slot c is never dearer than the backup there (COP ≥ 1) and comes first among
    // equals, so the backup item is reached only once the heat pump's is used up or blocked.
    if (backupMax && (backupMax[c] as number) > 0 && (elecCapW[c] as number) > 0) heap.push(n + c);
    const target = lower[c] as number;
    const eps = 1e-9 * (1 + Math.abs(target));
    let deficit = target - bought;
    while (deficit > eps) {
      let item = -1;
      let avail = 0;
      let roomJ = 0;
      while (heap.size > 0) {
        const id = heap.top();
        const j = id < n ? id : id - n;
        avail = id < n ? (yMax[j] as number) - (y[j] as number) : backupLeft(j, backupMax as Float64Array);
        roomJ = avail > eps ? room.roomFrom(j) : 0;
        if (roomJ > eps) { item = id; break; }
        heap.pop();
      }
      // Nothing can help, or heat is dearer than the deficit: leave it as slack.
      if (item < 0 || (price[item] as number) >= (slackUnitYuan[c] as number)) break;
      const delta = Math.min(deficit, avail, roomJ);
      if (item < n) y[item] = (y[item] as number) + delta;
      else yb[item - n] = (yb[item - n] as number) + delta;
      room.lowerFrom(item < n ? item : item - n, delta);
      bought += delta;
      deficit -= delta;
    }
  }
  const powerW = new Float64Array(n);
  for (let j = 0; j < n; j++) powerW[j] = ((y[j] as number) * (aPow[j] as number)) / (p.cop[j] as number);
  if (!backupMax) return evaluatePlan(h, powerW, adder);
  const backupW = new Float64Array(n);
  let any = false;
  for (let j = 0; j < n; j++) {
    backupW[j] = (yb[j] as number) * (aPow[j] as number);
    if ((backupW[j] as number) > 0) { any = true; powerW[j] = (powerW[j] as number) + (backupW[j] as number); }
  }
  return evaluatePlan(h, powerW, adder, any ? backupW : undefined);
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
