/**
 * Fixed-speed units: the compressor is either off or at full power for a whole slot, and once started
 * (stopped) it stays on (off) for at least `minOnSlots` (`minOffSlots`) slots. This is a MILP, solved per
 * household with HiGHS (branch and cut) on top of the household LP (lp-model.ts): binaries u_j (on),
 * start-up and shut-down indicators v_j, w_j in the tight formulation of Rajan & Takriti (2005, IBM
 * RC23628, "Minimum up/down polytopes of the unit commitment problem"):
 *
 *     P_j = P_max,j · u_j
 *     v_j − w_j = u_j − u_(j−1)                      (u_(−1) = initial state)
 *     Σ_{t=j−U+1..j} v_t ≤ u_j,   Σ_{t=j−D+1..j} w_t ≤ 1 − u_j
 *
 * (sums truncated at the start of the day: a run in progress at midnight is taken as long enough). The
 * backup heater, if any, stays continuous. Inverter units keep the LP. `onOffViolations` checks any
 * schedule against the rule, so a plan from elsewhere (the LP, a device) can be reported, not trusted.
 */
import type { Highs } from 'highs';
import type { HouseholdProblem } from './household-problem.js';
import { prepareHousehold, revalue, type FastSolution } from './household-fast.js';
import { buildLp, scheduleFromColumns } from './lp-model.js';

export interface OnOffRule {
  readonly minOnSlots: number;
  readonly minOffSlots: number;
  /** Whether the compressor runs at the start of the day (default off). */
  readonly initiallyOn?: boolean;
}

/** A run (or a pause) shorter than the rule allows, by slot range. */
export interface OnOffViolation { readonly kind: 'short-run' | 'short-pause'; readonly fromSlot: number; readonly slots: number; readonly minSlots: number }

/** On/off state per slot of a schedule: on where the heat pump draws more than `onShare` of its full power. */
export function onOffStates(p: HouseholdProblem, plan: Pick<FastSolution, 'powerW' | 'backupW'>, onShare = 0.5): Uint8Array {
  return Uint8Array.from(plan.powerW, (w, k) => (w - (plan.backupW ? (plan.backupW[k] as number) : 0) > onShare * (p.maxPowerW[k] as number) && w > 0 ? 1 : 0));
}

/** Runs and pauses shorter than the rule; a run or pause touching either end of the day is not judged (its length is unknown). */
export function onOffViolations(states: Uint8Array, rule: OnOffRule): OnOffViolation[] {
  const out: OnOffViolation[] = [];
  let start = 0;
  for (let k = 1; k <= states.length; k++) {
    if (k < states.length && states[k] === states[start]) continue;
    const length = k - start;
    const interior = start > 0 && k < states.length;
    if (interior && states[start] === 1 && length < rule.minOnSlots) out.push({ kind: 'short-run', fromSlot: start, slots: length, minSlots: rule.minOnSlots });
    if (interior && states[start] === 0 && length < rule.minOffSlots) out.push({ kind: 'short-pause', fromSlot: start, slots: length, minSlots: rule.minOffSlots });
    start = k;
  }
  return out;
}

export type OnOffResult =
  | ({ ok: true; status: 'optimal' | 'time-limit'; mipGapPct: number; states: Uint8Array } & FastSolution)
  | { ok: false; code: 'invalid-problem' | 'no-feasible-schedule'; message: string };

export interface OnOffOptions {
  readonly timeLimitS?: number;
  /** Stop branch and bound at this relative gap (default 0.1 %). */
  readonly mipRelGap?: number;
}

export function solveHouseholdOnOff(highs: Highs, p: HouseholdProblem, rule: OnOffRule, opts: OnOffOptions = {}): OnOffResult {
  if (!(Number.isInteger(rule.minOnSlots) && rule.minOnSlots >= 1 && Number.isInteger(rule.minOffSlots) && rule.minOffSlots >= 1)) {
    return { ok: false, code: 'invalid-problem', message: `${p.id}: minimum on/off times must be whole numbers of slots ≥ 1 (got ${rule.minOnSlots}/${rule.minOffSlots})` };
  }
  let prepared;
  try { prepared = prepareHousehold(p); } catch (e) { return { ok: false, code: 'invalid-problem', message: (e as Error).message }; }
  const { data, layout } = buildLp([{ p, d: prepared.d }], []);
  const n = layout.n;
  const base = data.numCols;
  const u = (j: number) => base + j, v = (j: number) => base + n + j, w = (j: number) => base + 2 * n + j;
  const model = highs.createModel(data);
  try {
    model.options.set({ output_flag: false, mip_rel_gap: opts.mipRelGap ?? 1e-3, ...(opts.timeLimitS !== undefined ? { time_limit: opts.timeLimitS } : {}) });
    const empty = { format: 'csc' as const, numRows: data.numRows, numCols: 3 * n, starts: new Int32Array(3 * n + 1), indices: new Int32Array(0), values: new Float64Array(0) };
    model.addCols({ cost: new Float64Array(3 * n), lower: new Float64Array(3 * n), upper: new Float64Array(3 * n).fill(1), matrix: empty });
    const lower: number[] = [], upper: number[] = [], starts: number[] = [0], indices: number[] = [], values: number[] = [];
    const row = (lo: number, hi: number, entries: [number, number][]) => {
      const merged = new Map<number, number>();
      for (const [c, x] of entries) merged.set(c, (merged.get(c) ?? 0) + x);
      for (const [c, x] of [...merged].sort((a, b) => a[0] - b[0])) { indices.push(c); values.push(x); }
      starts.push(indices.length); lower.push(lo); upper.push(hi);
    };
    const u0 = rule.initiallyOn ? 1 : 0;
    for (let j = 0; j < n; j++) {
      row(0, 0, [[layout.powerCol(0, j), 1], [u(j), -(p.maxPowerW[j] as number) / 1000]]);
      // v_j − w_j − u_j + u_(j−1) = 0
      if (j === 0) row(-u0, -u0, [[v(0), 1], [w(0), -1], [u(0), -1]]);
      else row(0, 0, [[v(j), 1], [w(j), -1], [u(j), -1], [u(j - 1), 1]]);
      const up: [number, number][] = [[u(j), -1]];
      for (let t = Math.max(0, j - rule.minOnSlots + 1); t <= j; t++) up.push([v(t), 1]);
      row(-Infinity, 0, up);
      const down: [number, number][] = [[u(j), 1]];
      for (let t = Math.max(0, j - rule.minOffSlots + 1); t <= j; t++) down.push([w(t), 1]);
      row(-Infinity, 1, down);
    }
    const numRows = lower.length;
    model.addRows({ lower: Float64Array.from(lower), upper: Float64Array.from(upper), matrix: { format: 'csr', numRows, numCols: base + 3 * n, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) } });
    model.changeColsIntegrality({ kind: 'range', from: u(0), to: u(n - 1) }, new Int32Array(n).fill(highs.constants.variableType.integer));
    const run = model.run();
    const st = highs.constants.modelStatus;
    const hasSolution = run.modelStatus === st.optimal || (run.modelStatus === st.timeLimit && Number(model.info.get('primal_solution_status')) === 2);
    if (!hasSolution) return { ok: false, code: 'no-feasible-schedule', message: `${p.id}: no on/off schedule found (HiGHS status ${run.modelStatus})` };
    const colValue = Float64Array.from(model.getSolution().colValue);
    const plan = revalue(prepared, scheduleFromColumns(layout, colValue, 0));
    const states = Uint8Array.from({ length: n }, (_, j) => ((colValue[u(j)] as number) > 0.5 ? 1 : 0));
    return { ok: true, status: run.modelStatus === st.optimal ? 'optimal' : 'time-limit', mipGapPct: Number(model.info.get('mip_gap')) * 100, states, ...plan };
  } finally {
    model.dispose();
  }
}
