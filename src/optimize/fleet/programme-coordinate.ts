/**
 * Fleet coordination under a programme-level limit on the sum of all groups' heat-pump load
 * (programme-target.md). The plan without the limit comes first (coordinate.ts); if it keeps the limit it is
 * returned unchanged. Otherwise a resource-directive plan — the limit shared out to the groups in proportion
 * to their loads, each group coordinated under min(its rating, its share) — keeps every limit, and then:
 * - with HiGHS: Dantzig–Wolfe column generation over household schedules with the transformer rows and the
 *   programme row (programme-columns.ts): each household prices out at tariff + transformer price + programme price;
 * - without: a programme price ν per slot by projected subgradient (Polyak step), every group coordinated at
 *   tariff + ν, and their loads shared out again (the best such plan is kept).
 * Every Lagrangian value is a valid lower bound, so the plan carries a certified gap; committed power above the
 * limit and households the limit leaves short are `programme-target-infeasible` issues with an alarm.
 */
import type { Highs } from 'highs';
import { prepareHousehold, type PreparedHousehold } from '../household-fast.js';
import type { HouseholdPlan } from '../household-problem.js';
import { coordinateFleet, fleetPlanOf } from './coordinate.js';
import { programmeColumns } from './programme-columns.js';
import type { ProgrammeIssue, ProgrammePlan, ProgrammeReport, ProgrammeTarget } from './programme-target.js';
import { type CoordinationOptions, type FleetPlan, type GroupPlan, type TransformerGroup } from './types.js';

/** Relative slack under which a load counts as at the limit. */
const AT_LIMIT = 1e-3;


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
    // Household-level master with every transformer row and the programme row (programme-columns.ts), started
    // from the uncoupled plan and the shared-out plan (which keeps every limit, so the master is feasible).
    const order = base.groups.map((b) => ({ b }));
    const ids = order.flatMap(({ b }) => b.plans.map((p) => p.id));
    const groupOf = order.flatMap(({ b }, gi) => b.plans.map(() => gi));
    const planById = (plan: FleetPlan) => new Map(plan.groups.flatMap((g) => g.plans.map((p) => [p.id, p] as const)));
    const fromBase = planById(base), fromBest = planById(best);
    const cg = programmeColumns(highs, {
      households: ids.map((id) => prepared.get(id) as PreparedHousehold), groupOf, capacityW: order.map(({ b }) => b.capacityW), roomW,
      initial: [ids.map((id) => fromBase.get(id) as HouseholdPlan), ids.map((id) => fromBest.get(id) ?? (fromBase.get(id) as HouseholdPlan))],
      gapTolerance: tol, maxRounds: target.maxRounds, lowerYuan,
    });
    if (cg && cg.upperYuan < best.objectiveYuan) {
      rounds = cg.rounds;
      nu = Float64Array.from(cg.programmePriceYuanPerKWh);
      lowerYuan = Math.max(lowerYuan, cg.lowerYuan);
      finalGroups = order.map(({ b }, gi) => {
        const plans = cg.plans.filter((_, i) => groupOf[i] === gi);
        const loadW = new Float64Array(n);
        for (const p of plans) for (let k = 0; k < n; k++) loadW[k] = (loadW[k] as number) + (p.powerW[k] as number);
        const objectiveYuan = plans.reduce((s, p) => s + p.objectiveYuan, 0);
        return { ...b, plans, loadW, costYuan: plans.reduce((s, p) => s + p.costYuan, 0), objectiveYuan, lowerBoundYuan: Math.min(b.lowerBoundYuan, objectiveYuan) };
      });
    } else {
      rounds = cg?.rounds ?? 0;
      if (cg) lowerYuan = Math.max(lowerYuan, cg.lowerYuan);
      finalGroups = best.groups.map((g) => ({ ...g, capacityW: capacityW.get(g.transformerId) as Float64Array }));
    }
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
