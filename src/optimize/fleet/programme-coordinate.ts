/**
 * Fleet coordination under a programme-level limit on the sum of all groups' heat-pump load, by nested
 * decomposition (programme-target.md): a programme price ν_k per slot is added to every household's tariff on
 * top of its transformer price, and each group is coordinated under its own rating as before (coordinate.ts).
 * With HiGHS, ν comes from a Dantzig–Wolfe master over the group plans seen (convexity row per group,
 * programme row per slot); without it, from a projected subgradient step, with a resource-directive primal
 * (the limit shared out to the groups in proportion to their loads at ν). Every round's group lower bounds at ν
 * give a valid Lagrangian bound, so the plan carries a certified gap; the returned plan never exceeds the
 * limit in any slot where committed power alone does not already exceed it (reported as an issue, with an alarm).
 */
import type { Highs } from 'highs';
import { prepareHousehold, revalue, type FastSolution, type PreparedHousehold } from '../household-fast.js';
import type { HouseholdPlan } from '../household-problem.js';
import { coordinateFleet, fleetPlanOf } from './coordinate.js';
import { clipToCapacity, ScheduleMix } from './schedule-mix.js';
import type { ProgrammeIssue, ProgrammePlan, ProgrammeReport, ProgrammeTarget } from './programme-target.js';
import { type CoordinationOptions, type FleetPlan, type GroupPlan, type TransformerGroup } from './types.js';

/** Relative slack under which a load counts as at the limit. */
const AT_LIMIT = 1e-3;

/** One group plan offered to the programme master: its households' schedules, its load and its true objective. */
interface Column { readonly plans: readonly HouseholdPlan[]; readonly loadW: Float64Array; readonly objectiveYuan: number }

const sumLoad = (groups: readonly GroupPlan[], n: number): Float64Array => {
  const l = new Float64Array(n);
  for (const g of groups) for (let k = 0; k < n; k++) l[k] = (l[k] as number) + (g.loadW[k] as number);
  return l;
};
const withinRoom = (loadW: Float64Array, roomW: Float64Array) => loadW.every((w, k) => w <= (roomW[k] as number) * (1 + 1e-9) + 1e-6);

/** The group with the programme price added to each household's tariff. */
const priced = (g: TransformerGroup, nuYuanPerKWh: Float64Array): TransformerGroup => ({
  ...g, households: g.households.map((h) => ({ ...h, priceYuanPerKWh: Float64Array.from(h.priceYuanPerKWh, (p, k) => p + (nuYuanPerKWh[k] ?? 0)) })),
});

/** The group limited to `allocationW` (≤ its own heating capacity): raising its base load keeps the rating's meaning. */
const allocated = (g: TransformerGroup, allocationW: Float64Array): TransformerGroup => {
  const ratingW = g.ratingKVA * g.powerFactor * 1000;
  return { ...g, baseLoadW: Float64Array.from(allocationW, (a) => ratingW - a) };
};

/**
 * Resource-directive share of the room: where the groups' loads exceed it, each group keeps its load scaled
 * pro rata; elsewhere each also gets the spare room in proportion to its own headroom. Σ shares ≤ room.
 */
function shareRoom(plans: readonly GroupPlan[], capacityW: ReadonlyMap<string, Float64Array>, roomW: Float64Array): Map<string, Float64Array> {
  const n = roomW.length;
  const total = sumLoad(plans, n);
  const headroom = new Float64Array(n);
  for (const g of plans) { const c = capacityW.get(g.transformerId) as Float64Array; for (let k = 0; k < n; k++) headroom[k] = (headroom[k] as number) + Math.max(0, (c[k] as number) - (g.loadW[k] as number)); }
  const out = new Map<string, Float64Array>();
  for (const g of plans) {
    const c = capacityW.get(g.transformerId) as Float64Array;
    out.set(g.transformerId, Float64Array.from(g.loadW, (l, k) => {
      const t = total[k] as number, room = roomW[k] as number;
      if (t > room) return (l * room) / t;
      const free = Math.max(0, (c[k] as number) - l);
      return Math.min(c[k] as number, l + ((headroom[k] as number) > 0 ? ((room - t) * free) / (headroom[k] as number) : 0));
    }));
  }
  return out;
}

export function coordinateProgramme(groups: readonly TransformerGroup[], target: ProgrammeTarget, opts: CoordinationOptions = {}, highs?: Highs): ProgrammePlan {
  const n = target.maxPowerW.length;
  const roomW = Float64Array.from(target.maxPowerW, (m, k) => Math.max(0, m - (target.committedW[k] as number)));
  const excess = [...target.maxPowerW].flatMap((m, k) => ((target.committedW[k] as number) > m * (1 + 1e-9) ? [[k, (target.committedW[k] as number) - m] as const] : []));
  const base = coordinateFleet(groups, opts, highs);
  const baseLoadW = sumLoad(base.groups, n);
  const report = (plan: FleetPlan, r: Omit<ProgrammeReport, 'id' | 'maxPowerW' | 'committedW' | 'plannedLoadW' | 'bindingSlots'>, shortIds: readonly string[]): ProgrammePlan => {
    const plannedLoadW = sumLoad(plan.groups, n);
    const bindingSlots = [...plannedLoadW].flatMap((w, k) => (w + (target.committedW[k] as number) >= (target.maxPowerW[k] as number) * (1 - AT_LIMIT) ? [k] : []));
    const issues: ProgrammeIssue[] = [];
    if (excess.length > 0) {
      issues.push({
        code: 'programme-target-infeasible', programmeId: target.id, slots: excess.map(([k]) => k), excessW: excess.map(([, w]) => w), householdIds: [],
        message: `programme ${target.id}: committed comfort heat alone exceeds the limit in ${excess.length} slot(s) (${excess.slice(0, 6).map(([k, w]) => `slot ${k} by ${(w / 1000).toFixed(1)} kW`).join(', ')}${excess.length > 6 ? ', …' : ''}); no flexible load planned there`,
      });
    }
    if (shortIds.length > 0) {
      issues.push({
        code: 'programme-target-infeasible', programmeId: target.id, slots: bindingSlots, excessW: [], householdIds: shortIds,
        message: `programme ${target.id}: the limit leaves ${shortIds.length} household(s) short of comfort that their transformers alone would keep warm (limit binds in ${bindingSlots.length} slot(s))`,
      });
    }
    return { ...plan, alarm: plan.alarm || issues.length > 0, programmeIssues: issues, programme: { id: target.id, maxPowerW: target.maxPowerW, committedW: target.committedW, plannedLoadW, bindingSlots, ...r } };
  };
  if (withinRoom(baseLoadW, roomW)) return report(base, { priceYuanPerKWh: new Float64Array(n), rounds: 0, method: 'uncoupled' }, []);

  const planned = groups.filter((g) => base.groups.some((p) => p.transformerId === g.id));
  const prepared = new Map<string, PreparedHousehold>();
  for (const g of planned) for (const h of g.households) prepared.set(h.id, prepareHousehold(h));
  const capacityW = new Map(base.groups.map((p) => [p.transformerId, p.capacityW] as const));
  const slotH = (planned[0]?.households[0]?.slotS ?? 900) / 3600;
  // ν_k stays below every household's comfort-penalty price: heat then always beats a deficit at ν, and the
  // groups' own transformer prices keep a non-empty box (coordinate.ts).
  const nuMax = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const g of planned) for (const h of g.households) for (let k = 0; k < n; k++) nuMax[k] = Math.min(nuMax[k] as number, Math.max(0, h.penaltyPriceYuanPerKWh - (h.priceYuanPerKWh[k] as number)));
  const trueObjective = (plans: readonly HouseholdPlan[]) => plans.reduce((s, p) => s + revalue(prepared.get(p.id) as PreparedHousehold, p).objectiveYuan, 0);
  const columnOf = (g: GroupPlan): Column => ({ plans: g.plans, loadW: g.loadW, objectiveYuan: trueObjective(g.plans) });
  /** Plans every group under its share of the room (at its own tariff): a plan that keeps every limit. */
  const allocatedPlan = (at: readonly GroupPlan[]): FleetPlan => {
    const shares = shareRoom(at, capacityW, roomW);
    return coordinateFleet(planned.map((g) => allocated(g, shares.get(g.id) as Float64Array)), opts, highs);
  };
  let nu = new Float64Array(n);
  let lowerYuan = base.lowerBoundYuan;
  let best = allocatedPlan(base.groups);
  let rounds = 0;
  const tol = target.gapTolerance;
  /** Group plans at ν: their loads, and the Lagrangian bound Σ_g L_g(ν) − ν·room. */
  const atPrice = (price: Float64Array): FleetPlan => {
    const p = coordinateFleet(planned.map((g) => priced(g, price)), opts, highs);
    let bound = p.lowerBoundYuan;
    for (let k = 0; k < n; k++) bound -= ((price[k] as number) * (roomW[k] as number) * slotH) / 1000;
    lowerYuan = Math.max(lowerYuan, bound);
    return p;
  };
  let method: ProgrammeReport['method'];
  let finalGroups: GroupPlan[];
  if (highs) {
    method = 'master';
    const columns = new Map<string, Column[]>(planned.map((g) => [g.id, []]));
    const addColumns = (plan: FleetPlan) => { for (const g of plan.groups) columns.get(g.transformerId)?.push(columnOf(g)); };
    addColumns(base);
    addColumns(best);
    let mix: ReturnType<typeof solveProgrammeMaster> = null;
    for (rounds = 1; rounds <= target.maxRounds; rounds++) {
      mix = solveProgrammeMaster(highs, planned.map((g) => columns.get(g.id) as Column[]), roomW, slotH);
      if (!mix) break;
      nu = Float64Array.from(mix.programmeDualYuanPerKWh, (v, k) => Math.min(nuMax[k] as number, v));
      if (mix.objectiveYuan - lowerYuan <= tol * mix.objectiveYuan) break;
      const response = atPrice(nu);
      if (mix.objectiveYuan - lowerYuan <= tol * mix.objectiveYuan) break;
      let improving = 0;
      for (const g of response.groups) {
        const gi = planned.findIndex((x) => x.id === g.transformerId);
        const atNu = g.objectiveYuan;
        if (atNu < (mix.convexityDualYuan[gi] as number) - 1e-9 * (1 + Math.abs(mix.convexityDualYuan[gi] as number))) { columns.get(g.transformerId)?.push(columnOf(g)); improving++; }
      }
      if (improving === 0) break;
    }
    finalGroups = mix ? mixedGroups(planned, columns, mix.weights, capacityW, roomW, prepared, base) : best.groups.map((g) => ({ ...g, capacityW: capacityW.get(g.transformerId) as Float64Array }));
  } else {
    method = 'subgradient';
    let upperYuan = best.objectiveYuan;
    let response = base;
    for (rounds = 1; rounds <= target.maxRounds && upperYuan - lowerYuan > tol * upperYuan; rounds++) {
      const load = sumLoad(response.groups, n);
      const g = Float64Array.from(load, (w, k) => { const gk = ((w - (roomW[k] as number)) * slotH) / 1000; return (nu[k] as number) > 0 || gk > 0 ? gk : 0; });
      const norm2 = g.reduce((s, x) => s + x * x, 0);
      if (norm2 === 0) break;
      const theta = (upperYuan - lowerYuan) / norm2; // Polyak's step towards the best plan's value
      nu = Float64Array.from(nu, (v, k) => Math.min(nuMax[k] as number, Math.max(0, v + theta * (g[k] as number))));
      response = atPrice(nu);
      const candidate = allocatedPlan(response.groups);
      if (candidate.objectiveYuan < upperYuan) { upperYuan = candidate.objectiveYuan; best = candidate; }
    }
    finalGroups = best.groups.map((g) => ({ ...g, capacityW: capacityW.get(g.transformerId) as Float64Array }));
  }
  const fleet = fleetPlanOf(finalGroups, base.issues);
  const bound = Math.min(lowerYuan, fleet.objectiveYuan);
  const shortBefore = new Set(base.groups.flatMap((g) => g.plans.filter((p) => p.comfortViolations > 0).map((p) => p.id)));
  const shortIds = finalGroups.flatMap((g) => g.plans.filter((p) => p.comfortViolations > 0 && !shortBefore.has(p.id)).map((p) => p.id));
  const plan: FleetPlan = { ...fleet, lowerBoundYuan: bound, certifiedGapPct: fleet.objectiveYuan > 0 ? ((fleet.objectiveYuan - bound) / fleet.objectiveYuan) * 100 : 0 };
  return report(plan, { priceYuanPerKWh: nu, rounds: Math.min(rounds, target.maxRounds), method }, shortIds);
}

/** The master's plan: per household the weighted mix of its group's columns, clipped to the limits (round-off) and revalued. */
function mixedGroups(planned: readonly TransformerGroup[], columns: ReadonlyMap<string, readonly Column[]>, weights: readonly Float64Array[], capacityW: ReadonlyMap<string, Float64Array>, roomW: Float64Array, prepared: ReadonlyMap<string, PreparedHousehold>, base: FleetPlan): GroupPlan[] {
  const n = roomW.length;
  const perGroup = planned.map((g, gi) => {
    const mixes = new Map<string, ScheduleMix>();
    (columns.get(g.id) ?? []).forEach((c, s) => {
      const mu = weights[gi]?.[s] ?? 0;
      if (mu <= 0) return;
      for (const p of c.plans) { let m = mixes.get(p.id); if (!m) { m = new ScheduleMix(n); mixes.set(p.id, m); } m.add(mu, p); }
    });
    clipToCapacity([...mixes.values()], capacityW.get(g.id) as Float64Array);
    return mixes;
  });
  clipToCapacity(perGroup.flatMap((m) => [...m.values()]), roomW);
  return planned.map((g, gi) => {
    const plans: FastSolution[] = [...(perGroup[gi] as Map<string, ScheduleMix>)].map(([id, m]) => ({ ...revalue(prepared.get(id) as PreparedHousehold, m.schedule()), id }));
    const loadW = new Float64Array(n);
    for (const p of plans) for (let k = 0; k < n; k++) loadW[k] = (loadW[k] as number) + (p.powerW[k] as number);
    const b = base.groups.find((x) => x.transformerId === g.id) as GroupPlan;
    const objectiveYuan = plans.reduce((s, p) => s + p.objectiveYuan, 0);
    return { ...b, loadW, plans, costYuan: plans.reduce((s, p) => s + p.costYuan, 0), objectiveYuan, lowerBoundYuan: Math.min(b.lowerBoundYuan, objectiveYuan), exactFallback: b.exactFallback === true };
  });
}

interface MasterSolution {
  readonly objectiveYuan: number;
  /** Per group, the weight of each of its columns. */
  readonly weights: Float64Array[];
  readonly convexityDualYuan: Float64Array;
  /** ν_k = −(row dual of the programme row)/Δt (yuan/kWh), ≥ 0. */
  readonly programmeDualYuanPerKWh: Float64Array;
}

/**
 *     min Σ_g Σ_s c_gs μ_gs   s.t.  Σ_s μ_gs = 1 (π_g),   Σ_g Σ_s L_gsk μ_gs ≤ room_k (−ν_k),   μ ≥ 0
 * over the group plans seen; a mix of a group's plans keeps its transformer limit and each household's own
 * constraints (all linear). Null when HiGHS does not report an optimum.
 */
function solveProgrammeMaster(highs: Highs, columns: readonly (readonly Column[])[], roomW: Float64Array, slotH: number): MasterSolution | null {
  const n = roomW.length;
  const G = columns.length;
  const cost: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  columns.forEach((cols, g) => {
    for (const c of cols) {
      cost.push(c.objectiveYuan);
      indices.push(g); values.push(1);
      for (let k = 0; k < n; k++) if ((c.loadW[k] as number) > 1e-9) { indices.push(G + k); values.push((c.loadW[k] as number) / 1000); }
      starts.push(indices.length);
    }
  });
  const numCols = cost.length;
  const rowLower = new Float64Array(G + n).fill(-Infinity);
  const rowUpper = new Float64Array(G + n);
  for (let g = 0; g < G; g++) { rowLower[g] = 1; rowUpper[g] = 1; }
  for (let k = 0; k < n; k++) rowUpper[G + k] = (roomW[k] as number) / 1000;
  const model = highs.createModel({
    numCols, numRows: G + n, colCost: Float64Array.from(cost), colLower: new Float64Array(numCols), colUpper: new Float64Array(numCols).fill(Infinity), rowLower, rowUpper,
    matrix: { format: 'csc', numRows: G + n, numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  });
  try {
    model.options.set({ output_flag: false });
    const run = model.run();
    if (run.modelStatus !== highs.constants.modelStatus.optimal) return null;
    const sol = model.getSolution();
    const weights: Float64Array[] = [];
    let at = 0;
    for (const cols of columns) { weights.push(Float64Array.from(cols, (_, s) => Math.max(0, sol.colValue[at + s] as number))); at += cols.length; }
    return {
      objectiveYuan: model.getObjectiveValue(), weights,
      convexityDualYuan: Float64Array.from({ length: G }, (_, g) => sol.rowDual[g] as number),
      programmeDualYuanPerKWh: Float64Array.from({ length: n }, (_, k) => Math.max(0, -(sol.rowDual[G + k] as number)) / slotH),
    };
  } finally {
    model.dispose();
  }
}
