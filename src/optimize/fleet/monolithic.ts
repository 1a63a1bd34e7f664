/**
 * The exact reference: the whole fleet as one LP (every household's LP plus one capacity row per
 * transformer and slot) solved by HiGHS. Grows super-linearly with the fleet (STACK.md); used to check
 * the decomposition, not to plan large fleets. HiGHS blocks: call it from a worker thread.
 */
import type { Highs } from 'highs';
import { prepareHousehold, revalue, type FastSolution } from '../household-fast.js';
import { buildLp, scheduleFromColumns, type LpTransformer } from '../lp-model.js';
import { solveModel } from '../household-lp.js';
import { heatingCapacityW, type TransformerGroup } from './types.js';
import { withProgrammeRows } from './programme-monolithic.js';
import type { ProgrammeTarget } from './programme-target.js';

export type MonolithicResult =
  | { ok: true; objectiveYuan: number; costYuan: number; comfortViolations: number; maxOverloadW: number; seconds: number; columns: number; rows: number; plans: FastSolution[] }
  | { ok: false; code: 'solver-status'; status: string; seconds: number; columns: number; rows: number };

/** With `programme`, one more row per slot limits the sum of all households' power (programme-monolithic.ts). */
export function solveFleetMonolithic(highs: Highs, groups: readonly TransformerGroup[], timeLimitS?: number, programme?: ProgrammeTarget): MonolithicResult {
  const prepared = groups.flatMap((g) => g.households.map(prepareHousehold));
  const n = prepared[0]?.d.n ?? 0;
  const transformers: LpTransformer[] = [];
  let offset = 0;
  for (const g of groups) {
    transformers.push({ members: g.households.map((_, i) => offset + i), capacityW: heatingCapacityW(g, n) });
    offset += g.households.length;
  }
  const built = buildLp(prepared.map((h) => ({ p: h.p, d: h.d })), transformers);
  const layout = built.layout;
  const data = programme ? withProgrammeRows(built.data, layout, prepared.length, Float64Array.from(programme.maxPowerW, (m, k) => Math.max(0, m - (programme.committedW[k] as number)))) : built.data;
  const size = { columns: data.numCols, rows: data.numRows };
  const out = solveModel(highs, data, timeLimitS);
  if (!out.ok) return { ...out, ...size };
  let cost = 0, violations = 0, maxOverloadW = 0;
  const plans = prepared.map((h, i) => {
    const plan = revalue(h, scheduleFromColumns(layout, out.colValue, i));
    cost += plan.costYuan;
    violations += plan.comfortViolations;
    return plan;
  });
  transformers.forEach((t) => {
    for (let j = 0; j < n; j++) {
      const l = t.members.reduce((s, i) => s + (plans[i]?.powerW[j] as number), 0);
      maxOverloadW = Math.max(maxOverloadW, l - (t.capacityW[j] as number));
    }
  });
  return { ok: true, objectiveYuan: out.objectiveYuan, costYuan: cost, comfortViolations: violations, maxOverloadW, seconds: out.seconds, ...size, plans };
}
