/**
 * Fleet coordination inputs and results. A transformer group is the households behind one village
 * transformer; its heat pumps may draw at most kVA × power factor minus the non-heating base load.
 */
import type { HouseholdPlan, HouseholdProblem } from '../household-problem.js';

export interface TransformerGroup {
  readonly id: string;
  readonly ratingKVA: number;
  /** Power factor assumed for the load (kW per kVA). */
  readonly powerFactor: number;
  /** Non-heating load per slot (W), if known. */
  readonly baseLoadW?: Float64Array;
  readonly households: readonly HouseholdProblem[];
}

/** Power left for the heat pumps in each slot (W), never negative. */
export function heatingCapacityW(g: TransformerGroup, slots: number): Float64Array {
  const out = new Float64Array(slots);
  for (let k = 0; k < slots; k++) out[k] = Math.max(0, g.ratingKVA * g.powerFactor * 1000 - (g.baseLoadW ? (g.baseLoadW[k] as number) : 0));
  return out;
}

export type FleetIssue =
  | { readonly code: 'comfort-infeasible'; readonly householdIds: readonly string[]; readonly message: string }
  | { readonly code: 'transformer-too-small'; readonly transformerId: string; readonly householdIds: readonly string[]; readonly slots: readonly number[]; readonly message: string }
  /** Unusable household problems (named; their units stay on local control) or a group that could not be planned. */
  | { readonly code: 'invalid-problem'; readonly transformerId: string; readonly householdIds: readonly string[]; readonly message: string };

export interface GroupPlan {
  readonly transformerId: string;
  readonly capacityW: Float64Array;
  readonly loadW: Float64Array;
  readonly plans: readonly HouseholdPlan[];
  /** Energy cost of the plan, and cost + comfort penalty (the optimised objective). */
  readonly costYuan: number;
  readonly objectiveYuan: number;
  /** Best Lagrangian dual bound: no plan for this group can have a lower objective. */
  readonly lowerBoundYuan: number;
  readonly dualIterations: number;
  readonly householdSolves: number;
  /** True when the decomposition left a household short and the group's exact HiGHS plan replaced it. */
  readonly exactFallback?: boolean;
}

export interface FleetPlan {
  readonly groups: readonly GroupPlan[];
  readonly costYuan: number;
  readonly objectiveYuan: number;
  readonly lowerBoundYuan: number;
  /** (objective − bound)/objective in %: a certificate, independent of any reference solver. */
  readonly certifiedGapPct: number;
  readonly comfortViolations: number;
  readonly issues: readonly FleetIssue[];
  /** Raised whenever a household is left below its comfort floor or a problem was rejected: never a silent plan. */
  readonly alarm: boolean;
}

export interface CoordinationOptions {
  /** Stop when the certified gap falls below this fraction (default 0.001 = 0.1 %). */
  readonly gapTolerance?: number;
  /** Upper limit on dual iterations or column-generation rounds per transformer (default 60). */
  readonly maxIterations?: number;
  /**
   * How a transformer-feasible plan is found when the limit binds.
   * 'columns' (default when a HiGHS runtime is given): Dantzig–Wolfe column generation with one warm-started
   * HiGHS master per group (column-generation.ts): converges to the group's LP optimum, stops at `gapTolerance`.
   * 'restore' (default without HiGHS): subgradient prices with allowance and sequential restoration — no
   * solver needed, a few % from the optimum when the limit binds for hours.
   * 'master': 'restore' followed by one cold Dantzig–Wolfe master over the schedules seen.
   */
  readonly recovery?: 'columns' | 'restore' | 'master';
}
