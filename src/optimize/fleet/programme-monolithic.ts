/**
 * The programme limit in the exact monolithic LP (monolithic.ts): one more row per slot,
 *     Σ_households (P_hk + B_hk) ≤ (max_k − committed_k)   (kW),
 * over every household's heat-pump and backup power columns. The CSC matrix is rebuilt column by column with
 * the new entries appended (rows are added after all household and transformer rows).
 */
import type { ModelData } from 'highs';
import type { LpLayout } from '../lp-model.js';

export function withProgrammeRows(data: ModelData, layout: LpLayout, households: number, roomW: Float64Array): ModelData {
  const n = layout.n;
  const row0 = data.numRows;
  const slotOf = new Int32Array(data.numCols).fill(-1);
  for (let h = 0; h < households; h++) {
    for (let j = 0; j < n; j++) {
      slotOf[layout.powerCol(h, j)] = j;
      const b = layout.backupCol(h, j);
      if (b >= 0) slotOf[b] = j;
    }
  }
  const m = data.matrix;
  if (m.format !== 'csc') throw new Error('withProgrammeRows: the monolithic LP is built in CSC form');
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < data.numCols; c++) {
    for (let e = m.starts[c] as number; e < (m.starts[c + 1] as number); e++) { indices.push(m.indices[e] as number); values.push(m.values[e] as number); }
    const j = slotOf[c] as number;
    if (j >= 0) { indices.push(row0 + j); values.push(1); }
    starts.push(indices.length);
  }
  const numRows = row0 + n;
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows);
  rowLower.set(data.rowLower); rowUpper.set(data.rowUpper);
  for (let j = 0; j < n; j++) rowUpper[row0 + j] = (roomW[j] as number) / 1000;
  return {
    ...data, numRows, rowLower, rowUpper,
    matrix: { format: 'csc', numRows, numCols: data.numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  };
}
