/**
 * Fleet coordination by Lagrangian (price) decomposition per transformer: a price λ_k (yuan/kWh) per
 * slot is added to every household's tariff; households respond independently with the exact
 * specialised solver; λ follows a projected subgradient step of Polyak's length
 * θ = (UB − L(λ))/‖g‖², UB the best restored plan. Primal schedules are averaged with the step weights
 * (ergodic averaging, Larsson, Patriksson & Strömberg 1999) and restored to a transformer-feasible plan
 * (restore.ts). L(λ) is a valid lower bound, so every plan carries a certified optimality gap.
 * Method: Mhanna, Chapman & Verbič 2016 (dual decomposition for residential demand response); docs/optimize.md.
 */
import { prepareHousehold, revalue, solveHouseholdFast, type FastSolution, type PreparedHousehold } from '../household-fast.js';
import { clipToCapacity, ScheduleMix } from './schedule-mix.js';
import type { Highs } from 'highs';
import { ColumnPool, solveMaster } from './master.js';
import { solveFleetMonolithic } from './monolithic.js';
import { restore, restoreSequential } from './restore.js';
import { columnGeneration } from './column-generation.js';
import { householdProblemIssues } from '../household-problem.js';
import { heatingCapacityW, type CoordinationOptions, type FleetIssue, type FleetPlan, type GroupPlan, type TransformerGroup } from './types.js';

/** Iterations between restorations (each costs one solve per household). */
const RESTORE_EVERY = 3;
/** Column-generation rounds per transformer unless `maxIterations` says otherwise. */
const MAX_ROUNDS = 60;
/**
 * Price levels (yuan/kWh at full relative overload) of the probe schedules that seed the master. Five
 * levels (0.1…1.6) cut the rounds by a third against none; one level gives nearly the same rounds (1–4
 * per bench group instead of 1–3) for a fifth of the probe solves and a smaller first master.
 */
const PROBE_PRICES_YUAN_PER_KWH = [0.4];
const prepared = (g: TransformerGroup, i: number): PreparedHousehold => prepareHousehold(g.households[i] as TransformerGroup['households'][number]);
const sumObjective = (plans: readonly FastSolution[]) => plans.reduce((s, p) => s + p.objectiveYuan, 0);

export function coordinateGroup(group: TransformerGroup, opts: CoordinationOptions = {}, highs?: Highs): { plan: GroupPlan; aloneInfeasible: string[] } {
  const tol = opts.gapTolerance ?? 1e-3;
  const maxIter = opts.maxIterations ?? 60;
  const hh: PreparedHousehold[] = group.households.map(prepareHousehold);
  const n = hh[0]?.d.n ?? 0;
  const slotH = hh[0]?.d.slotH ?? 0;
  const fullCap = heatingCapacityW(group, n);
  const load = (plans: readonly FastSolution[]) => {
    const l = new Float64Array(n);
    for (const p of plans) for (let k = 0; k < n; k++) l[k] = (l[k] as number) + (p.powerW[k] as number);
    return l;
  };
  const lambda = new Float64Array(n);
  let responses = hh.map((h) => solveHouseholdFast(h));
  let solves = hh.length;
  // Households that cannot reach their comfort floor even alone keep their comfort-first schedule and
  // come off the coordination first: their load is reserved on the transformer (alarm raised by the caller).
  const fixedIdx = responses.flatMap((r, i) => (r.comfortViolations > 0 ? [i] : []));
  const aloneInfeasible = fixedIdx.map((i) => (responses[i] as FastSolution).id);
  const fixedPlans = fitUnderLimit(fixedIdx.map((i) => hh[i] as PreparedHousehold), fixedIdx.map((i) => responses[i] as FastSolution), fullCap);
  const free = hh.filter((_, i) => !fixedIdx.includes(i));
  const cap = Float64Array.from(fullCap);
  for (const f of fixedPlans) for (let k = 0; k < n; k++) cap[k] = Math.max(0, (cap[k] as number) - (f.powerW[k] as number));
  responses = responses.filter((_, i) => !fixedIdx.includes(i));
  const priority = responses.map(() => false);
  // Keep price + λ below the comfort-penalty price: heat then always beats a deficit, the household
  // solver stays exact and L(λ) stays a valid bound (the dual is maximised over this box).
  let lambdaMax = Number.POSITIVE_INFINITY;
  for (const h of hh) for (let k = 0; k < n; k++) lambdaMax = Math.min(lambdaMax, h.p.penaltyPriceYuanPerKWh - (h.p.priceYuanPerKWh[k] as number));
  let lower = sumObjective(responses); // L(0): the uncoordinated optimum
  let best = responses;
  const pool = new ColumnPool(free.length);
  pool.add(responses);
  let upper = lower;
  let iterations = 0;
  const l0 = load(responses);
  const method = opts.recovery ?? (highs ? 'columns' : 'restore');
  if (l0.some((w, k) => w > (cap[k] as number) * (1 + 1e-12))) {
    best = restore(free, responses.map((r) => r.powerW), cap, priority);
    pool.add(best);
    solves += free.length;
    upper = sumObjective(best);
  }
  let byColumns = false;
  if (highs && method === 'columns' && upper > lower) {
    // Probe schedules: responses to a price on the overloaded slots (in proportion to the overload), so
    // the first master can already shift load.
    // A household drawing nothing in the overloaded slots keeps its response under any price there.
    const drawsInOverload = responses.map((r) => r.powerW.some((w, k) => w > 0 && (l0[k] as number) > (cap[k] as number)));
    const probes = PROBE_PRICES_YUAN_PER_KWH.map((t) => {
      const probe = Float64Array.from(l0, (l, k) => (l > (cap[k] as number) ? t * Math.min(1, (l - (cap[k] as number)) / Math.max(1, cap[k] as number)) : 0));
      return free.map((h, i) => (drawsInOverload[i] ? solveHouseholdFast(h, { priceAdderYuanPerKWh: probe }) : responses[i] as FastSolution));
    });
    const cg = columnGeneration(highs, free, cap, [responses, best, ...probes], { gapTolerance: tol, maxRounds: opts.maxIterations ?? MAX_ROUNDS, lambdaMaxYuanPerKWh: lambdaMax, lowerYuan: lower });
    if (cg) {
      byColumns = true;
      solves += cg.householdSolves;
      iterations = cg.rounds;
      lower = Math.max(lower, cg.lowerYuan);
      if (cg.upperYuan < upper) { upper = cg.upperYuan; best = cg.plans; }
    }
  }
  // Subgradient prices with restoration: the path without HiGHS (and the fallback if the master fails).
  if (!byColumns && upper > lower) {
    const avg = free.map(() => new Float64Array(n));
    let weight = 0;
    for (iterations = 1; iterations <= maxIter && upper - lower > tol * upper; iterations++) {
      const l = load(responses);
      const g = new Float64Array(n);
      let norm2 = 0;
      for (let k = 0; k < n; k++) {
        const gk = (((l[k] as number) - (cap[k] as number)) * slotH) / 1000;
        g[k] = (lambda[k] as number) > 0 || gk > 0 ? gk : 0;
        norm2 += (g[k] as number) ** 2;
      }
      let dual = sumObjective(responses);
      for (let k = 0; k < n; k++) dual -= ((lambda[k] as number) * (cap[k] as number) * slotH) / 1000;
      if (iterations > 1) lower = Math.max(lower, dual);
      if (norm2 === 0) break;
      const theta = (upper - dual) / norm2;
      for (let k = 0; k < n; k++) lambda[k] = Math.min(lambdaMax, Math.max(0, (lambda[k] as number) + theta * (g[k] as number)));
      responses = free.map((h) => solveHouseholdFast(h, { priceAdderYuanPerKWh: lambda }));
      pool.add(responses);
      solves += hh.length;
      weight += theta;
      responses.forEach((r, i) => { const a = avg[i] as Float64Array; for (let k = 0; k < n; k++) a[k] = (a[k] as number) + theta * ((r.powerW[k] as number) - (a[k] as number)) / weight; });
      // Restoring costs one more solve per household: do it every RESTORE_EVERY iterations and at the end.
      if (iterations % RESTORE_EVERY !== 0 && iterations !== maxIter) continue;
      const candidate = restore(free, avg, cap, priority, lambda);
      solves += free.length;
      const value = sumObjective(candidate);
      if (value < upper) { upper = value; best = candidate; }
      pool.add(candidate);
      const seq = restoreSequential(free, cap, lambda);
      solves += free.length;
      const seqValue = sumObjective(seq);
      if (seqValue < upper) { upper = seqValue; best = seq; }
      pool.add(seq);
    }
  }
  if (highs && method === 'master' && iterations > 0 && upper - lower > tol * upper) {
    const mixed = solveMaster(highs, free, pool, cap);
    if (mixed && sumObjective(mixed) < upper) { best = mixed; upper = sumObjective(mixed); }
  }
  const fixedObjective = sumObjective(fixedPlans);
  upper += fixedObjective;
  lower += fixedObjective;
  const all = [...fixedPlans, ...best];
  const loadW = load(all);
  return {
    aloneInfeasible,
    plan: {
      transformerId: group.id, capacityW: fullCap, loadW, plans: all,
      costYuan: all.reduce((s, p) => s + p.costYuan, 0), objectiveYuan: upper,
      lowerBoundYuan: Math.min(lower, upper), dualIterations: iterations, householdSolves: solves,
    },
  };
}

/**
 * Comfort-first schedules of households that cannot hold comfort alone are reserved first, but never
 * above the transformer: where they alone exceed it (a transformer too small even for them), each gets a
 * pro-rata share of the limit and re-plans within it (the deficit is then reported, never an overload).
 */
function fitUnderLimit(hh: readonly PreparedHousehold[], plans: readonly FastSolution[], capacityW: Float64Array): FastSolution[] {
  const n = capacityW.length;
  const load = new Float64Array(n);
  for (const p of plans) for (let k = 0; k < n; k++) load[k] = (load[k] as number) + (p.powerW[k] as number);
  if (load.every((l, k) => l <= (capacityW[k] as number))) return [...plans];
  return plans.map((p, i) => {
    const share = Float64Array.from(p.powerW, (w, k) => ((load[k] as number) > (capacityW[k] as number) ? (w * (capacityW[k] as number)) / (load[k] as number) : w));
    return solveHouseholdFast(hh[i] as PreparedHousehold, { powerCapW: share });
  });
}

/**
 * Households whose problem is unusable (floor above ceiling, wrong lengths, negative powers) are taken out
 * of their group with an `invalid-problem` alarm naming them; the rest of the group is still planned. Safe
 * fallback: such a unit stays on its local thermostat, so its largest electric draw (heat pump + backup,
 * where those numbers are usable) is reserved on the transformer as base load.
 */
function withoutInvalidHouseholds(g: TransformerGroup): { group: TransformerGroup; rejected?: FleetIssue } {
  const bad = g.households.map((h) => ({ h, issues: householdProblemIssues(h) })).filter((x) => x.issues.length > 0);
  if (bad.length === 0) return { group: g };
  const n = g.households.find((h) => householdProblemIssues(h).length === 0)?.priceYuanPerKWh.length ?? 0;
  const base = Float64Array.from({ length: n }, (_, k) => (g.baseLoadW ? (g.baseLoadW[k] as number) : 0));
  for (const { h } of bad) {
    for (let k = 0; k < n; k++) {
      const unitW = (h.maxPowerW[k] ?? Number.NaN) + (h.backupMaxW ? (h.backupMaxW[k] ?? 0) : 0);
      if (Number.isFinite(unitW) && unitW > 0) base[k] = (base[k] as number) + unitW;
    }
  }
  const rejected: FleetIssue = {
    code: 'invalid-problem', transformerId: g.id, householdIds: bad.map((x) => x.h.id),
    message: `transformer ${g.id}: ${bad.length} household problem(s) rejected, left on their local thermostat with their largest draw reserved: ${bad.flatMap((x) => x.issues).slice(0, 5).join('; ')}`,
  };
  return { group: { ...g, baseLoadW: base, households: g.households.filter((h) => !bad.some((x) => x.h === h)) }, rejected };
}

/** Coordinates every transformer group (independent problems) and collects the issues. */
/** With `recovery: 'master'` and a HiGHS runtime, the plan is also recovered through a Dantzig–Wolfe master (master.ts). */
export function coordinateFleet(groups: readonly TransformerGroup[], opts: CoordinationOptions = {}, highs?: Highs): FleetPlan {
  const out: GroupPlan[] = [];
  const issues: FleetIssue[] = [];
  for (const input of groups) {
    const { group: g, rejected } = withoutInvalidHouseholds(input);
    if (rejected) issues.push(rejected);
    if (g.households.length === 0) continue;
    let r: ReturnType<typeof coordinateGroup>;
    try { r = coordinateGroup(g, opts, highs); } catch (e) {
      issues.push({ code: 'invalid-problem', transformerId: g.id, householdIds: g.households.map((h) => h.id), message: (e as Error).message });
      continue;
    }
    if (highs && r.plan.plans.some((p) => p.comfortViolations > 0 && !r.aloneInfeasible.includes(p.id))) {
      // The decomposition left a household short that could be warm alone: before raising a
      // transformer alarm, solve this group exactly with HiGHS and keep its plan if it is better.
      const exact = solveFleetMonolithic(highs, [g]);
      if (exact.ok && exact.objectiveYuan < r.plan.objectiveYuan) {
        const cap = r.plan.capacityW;
        const mixes = exact.plans.map((p) => { const m = new ScheduleMix(cap.length); m.add(1, p); return m; });
        clipToCapacity(mixes, cap); // solver round-off: the limit holds exactly
        const fixed = mixes.map((m, i) => revalue(prepared(g, i), m.schedule()));
        const loadW = new Float64Array(cap.length);
        for (const p of fixed) p.powerW.forEach((w, k) => { loadW[k] = (loadW[k] as number) + w; });
        const objective = sumObjective(fixed);
        r = { ...r, plan: { ...r.plan, plans: fixed, loadW: Float64Array.from(loadW, (w, k) => Math.min(w, cap[k] as number)), costYuan: fixed.reduce((s, p) => s + p.costYuan, 0), objectiveYuan: objective, lowerBoundYuan: Math.min(objective, Math.max(r.plan.lowerBoundYuan, exact.objectiveYuan)), exactFallback: true } };
      }
    }
    out.push(r.plan);
    if (r.aloneInfeasible.length > 0) {
      issues.push({ code: 'comfort-infeasible', householdIds: r.aloneInfeasible, message: `${r.aloneInfeasible.join(', ')}: comfort floor unreachable with the unit's capacity; comfort-first schedule planned` });
    }
    const alone = new Set(r.aloneInfeasible);
    const short = r.plan.plans.filter((p) => p.comfortViolations > 0 && !alone.has(p.id)).map((p) => p.id);
    if (short.length > 0) {
      const slots = [...r.plan.loadW].flatMap((w, k) => (w >= (r.plan.capacityW[k] as number) * (1 - 1e-6) ? [k] : []));
      issues.push({ code: 'transformer-too-small', transformerId: g.id, householdIds: short, slots, message: `transformer ${g.id}: capacity too small to keep ${short.length} household(s) warm; plan holds the limit and leaves them short` });
    }
  }
  return fleetPlanOf(out, issues);
}

/** Totals, certified gap and alarm of a set of group plans (also merges plans solved in separate workers). */
export function fleetPlanOf(groups: readonly GroupPlan[], issues: readonly FleetIssue[]): FleetPlan {
  const objective = groups.reduce((s, g) => s + g.objectiveYuan, 0);
  const bound = groups.reduce((s, g) => s + g.lowerBoundYuan, 0);
  const violations = groups.reduce((s, g) => s + g.plans.reduce((a, p) => a + p.comfortViolations, 0), 0);
  return {
    groups, costYuan: groups.reduce((s, g) => s + g.costYuan, 0), objectiveYuan: objective, lowerBoundYuan: bound,
    certifiedGapPct: objective > 0 ? ((objective - bound) / objective) * 100 : 0, comfortViolations: violations,
    issues, alarm: issues.length > 0,
  };
}
