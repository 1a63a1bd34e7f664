/**
 * Exact household (and monolithic fleet) solve with HiGHS (`highs`, WASM). The caller passes a loaded
 * HiGHS runtime: HiGHS blocks its thread, so run this in a worker_threads worker (src/app/optimize-worker.ts).
 * Formulation and sources: household-lp.md.
 */
import type { Highs, ModelData } from 'highs';
import type { HouseholdProblem } from './household-problem.js';
import { prepareHousehold, revalue, type FastSolution } from './household-fast.js';
import { buildLp, scheduleFromColumns, type LpHousehold, type LpOptions, type LpTransformer } from './lp-model.js';

export type LpOutcome =
  | { ok: true; objectiveYuan: number; colValue: Float64Array; seconds: number }
  | { ok: false; code: 'solver-status'; status: string; seconds: number };

/** Solves model arrays with HiGHS; a non-optimal status is returned as a value. */
export function solveModel(highs: Highs, data: ModelData, timeLimitS = Number.POSITIVE_INFINITY): LpOutcome {
  const t0 = performance.now();
  const model = highs.createModel(data);
  try {
    model.options.set({ output_flag: false, ...(Number.isFinite(timeLimitS) ? { time_limit: timeLimitS } : {}) });
    const run = model.run();
    const seconds = (performance.now() - t0) / 1000;
    if (run.modelStatus !== highs.constants.modelStatus.optimal) {
      const name = Object.entries(highs.constants.modelStatus).find(([, v]) => v === run.modelStatus)?.[0] ?? String(run.modelStatus);
      return { ok: false, code: 'solver-status', status: name, seconds };
    }
    return { ok: true, objectiveYuan: model.getObjectiveValue(), colValue: Float64Array.from(model.getSolution().colValue), seconds };
  } finally {
    model.dispose();
  }
}

export type HouseholdLpResult =
  | ({ ok: true; status: 'comfort-met' | 'comfort-infeasible' } & FastSolution)
  | { ok: false; code: 'invalid-problem' | 'solver-status'; message: string };

/**
 * Cheapest schedule for one household. Comfort is a soft lower bound with a heavy penalty, so an
 * impossible comfort band still yields the comfort-first schedule, flagged `comfort-infeasible`.
 */
export function solveHouseholdLp(highs: Highs, p: HouseholdProblem, opts: LpOptions = {}): HouseholdLpResult {
  let prepared;
  try { prepared = prepareHousehold(p); } catch (e) { return { ok: false, code: 'invalid-problem', message: (e as Error).message }; }
  const hh: LpHousehold[] = [{ p, d: prepared.d }];
  const { data, layout } = buildLp(hh, [], opts);
  const out = solveModel(highs, data);
  if (!out.ok) return { ok: false, code: 'solver-status', message: `${p.id}: HiGHS ended with status ${out.status}` };
  const plan = revalue(prepared, scheduleFromColumns(layout, out.colValue, 0));
  return { ok: true, status: plan.comfortViolations > 0 ? 'comfort-infeasible' : 'comfort-met', ...plan };
}

export { buildLp, type LpHousehold, type LpOptions, type LpTransformer };
