/**
 * Primal recovery by a Dantzig–Wolfe restricted master (Dantzig & Wolfe 1960): choose, per household, a
 * convex combination of the schedules it proposed during the price iterations (and the restored plans)
 * that minimises the group's objective under the transformer limit. A convex combination of a
 * household's feasible schedules is feasible for it (its constraints are linear), so comfort and unit
 * limits hold; the limit holds by the master's rows. Solved once per group by HiGHS.
 */
import type { Highs } from 'highs';
import { revalue, type FastSolution, type PreparedHousehold } from '../household-fast.js';
import { clipToCapacity, ScheduleMix, type Schedule } from './schedule-mix.js';
import { solveModel } from '../household-lp.js';

export class ColumnPool {
  private readonly cols: Schedule[][];
  private readonly keys: Set<string>[];
  constructor(households: number) {
    this.cols = Array.from({ length: households }, () => []);
    this.keys = Array.from({ length: households }, () => new Set());
  }
  /** Adds each household's schedule unless it already holds the same one (responses repeat often). */
  add(plans: readonly FastSolution[]): void {
    plans.forEach((p, i) => {
      let key = '';
      for (const w of p.powerW) key += `${Math.round(w)},`;
      if (this.keys[i]?.has(key)) return;
      this.keys[i]?.add(key);
      this.cols[i]?.push(p);
    });
  }
  get size(): number { return this.cols.reduce((s, c) => s + c.length, 0); }
  columns(i: number): readonly Schedule[] { return this.cols[i] ?? []; }
}

export function solveMaster(highs: Highs, hh: readonly PreparedHousehold[], pool: ColumnPool, capacityW: Float64Array): FastSolution[] | null {
  const n = capacityW.length;
  const H = hh.length;
  const numRows = H + n;
  const colCost: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const owner: [number, Schedule][] = [];
  hh.forEach((h, i) => {
    for (const x of pool.columns(i)) {
      colCost.push(revalue(h, x).objectiveYuan);
      indices.push(i); values.push(1);
      for (let k = 0; k < n; k++) if ((x.powerW[k] as number) > 1e-9) { indices.push(H + k); values.push((x.powerW[k] as number) / 1000); }
      starts.push(indices.length);
      owner.push([i, x]);
    }
  });
  const numCols = owner.length;
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows);
  for (let i = 0; i < H; i++) { rowLower[i] = 1; rowUpper[i] = 1; }
  for (let k = 0; k < n; k++) rowUpper[H + k] = (capacityW[k] as number) / 1000;
  const out = solveModel(highs, {
    numCols, numRows, colCost: Float64Array.from(colCost), colLower: new Float64Array(numCols), colUpper: new Float64Array(numCols).fill(1), rowLower, rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  });
  if (!out.ok) return null;
  const mix = hh.map(() => new ScheduleMix(n));
  owner.forEach(([i, x], c) => {
    const mu = out.colValue[c] as number;
    if (mu > 0) mix[i]?.add(mu, x);
  });
  clipToCapacity(mix, capacityW); // solver round-off: the limit holds exactly
  return hh.map((h, i) => revalue(h, (mix[i] as ScheduleMix).schedule()));
}
