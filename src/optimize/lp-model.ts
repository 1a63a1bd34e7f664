/**
 * The household LP (and the monolithic fleet LP: households plus one capacity row per transformer
 * and slot) as HiGHS model arrays in CSC form. Columns per household: P_j (kW), T_c (°C), s_c (K),
 * the churn variables d_j ≥ |P_j − P_(j−1)| when a churn price is set, and the backup heater's B_j (kW,
 * heat = power) when any household has one. See household-lp.md.
 */
import type { ModelData } from 'highs';
import type { Discretised } from './rc-model.js';
import type { HouseholdProblem } from './household-problem.js';

export interface LpHousehold { readonly p: HouseholdProblem; readonly d: Discretised }
export interface LpTransformer {
  /** Indices into the household list. */
  readonly members: readonly number[];
  /** Power available to the heat pumps in each slot (W). */
  readonly capacityW: Float64Array;
}
export interface LpOptions {
  /** Price of a change in electric power between consecutive slots (yuan per kW); 0 leaves it out. */
  readonly churnYuanPerKW?: number;
}

export interface LpLayout {
  readonly n: number;
  readonly stride: number;
  /** Column of P_j of household h (kW): the heat pump's electric power. */
  powerCol(h: number, j: number): number;
  /** Column of the backup heater's B_j (kW), or −1 when the model has no backup columns. */
  backupCol(h: number, j: number): number;
}

export function buildLp(hh: readonly LpHousehold[], transformers: readonly LpTransformer[], opts: LpOptions = {}): { data: ModelData; layout: LpLayout } {
  const n = hh[0]?.d.n ?? 0;
  const churn = (opts.churnYuanPerKW ?? 0) > 0;
  const backup = hh.some(({ p }) => p.backupMaxW !== undefined);
  const churnCols = churn ? n - 1 : 0;
  const stride = 3 * n + churnCols + (backup ? n : 0);
  const backupCol0 = 3 * n + churnCols;
  const rowStride = 2 * n + (churn ? 2 * (n - 1) : 0);
  const numCols = hh.length * stride;
  const numRows = hh.length * rowStride + transformers.length * n;
  const trafoOf = new Int32Array(hh.length).fill(-1);
  transformers.forEach((t, g) => t.members.forEach((i) => { trafoOf[i] = g; }));
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const rowLower = new Float64Array(numRows).fill(-Infinity);
  const rowUpper = new Float64Array(numRows).fill(Infinity);
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const entry = (row: number, v: number) => { indices.push(row); values.push(v); };
  const endCol = () => starts.push(indices.length);
  const trafoRow0 = hh.length * rowStride;
  hh.forEach(({ p, d }, h) => {
    const c0 = h * stride;
    const r0 = h * rowStride;
    const churnRow = (j: number) => r0 + 2 * n + 2 * (j - 1);
    for (let j = 0; j < n; j++) {
      colCost[c0 + j] = (p.priceYuanPerKWh[j] as number) * d.slotH;
      colUpper[c0 + j] = (p.maxPowerW[j] as number) / 1000;
      entry(r0 + j, -d.bKPerW * 1000 * (p.cop[j] as number));
      if (churn && j >= 1) { entry(churnRow(j), -1); entry(churnRow(j) + 1, 1); }
      if (churn && j + 1 <= n - 1) { entry(churnRow(j + 1), 1); entry(churnRow(j + 1) + 1, -1); }
      const g = trafoOf[h] as number;
      if (g >= 0) entry(trafoRow0 + g * n + j, 1);
      endCol();
    }
    for (let c = 0; c < n; c++) {
      colLower[c0 + n + c] = -Infinity;
      colUpper[c0 + n + c] = d.maxEffC[c] as number;
      entry(r0 + c, 1);
      if (c + 1 < n) entry(r0 + c + 1, -d.a);
      entry(r0 + n + c, 1);
      endCol();
      rowLower[r0 + c] = rowUpper[r0 + c] = (d.e[c] as number) + (c === 0 ? d.a * p.initialTempC : 0);
      rowLower[r0 + n + c] = p.minTempC[c] as number;
    }
    for (let c = 0; c < n; c++) {
      colCost[c0 + 2 * n + c] = d.penaltyYuanPerK[c] as number;
      colUpper[c0 + 2 * n + c] = Infinity;
      entry(r0 + n + c, 1);
      endCol();
    }
    if (churn) {
      for (let j = 1; j < n; j++) {
        colCost[c0 + 3 * n + j - 1] = opts.churnYuanPerKW as number;
        colUpper[c0 + 3 * n + j - 1] = Infinity;
        entry(churnRow(j), 1);
        entry(churnRow(j) + 1, 1);
        endCol();
        rowLower[churnRow(j)] = 0;
        rowLower[churnRow(j) + 1] = 0;
      }
    }
    if (backup) {
      for (let j = 0; j < n; j++) {
        colCost[c0 + backupCol0 + j] = (p.priceYuanPerKWh[j] as number) * d.slotH;
        colUpper[c0 + backupCol0 + j] = p.backupMaxW ? (p.backupMaxW[j] as number) / 1000 : 0;
        entry(r0 + j, -d.bKPerW * 1000);
        const g = trafoOf[h] as number;
        if (g >= 0) entry(trafoRow0 + g * n + j, 1);
        endCol();
      }
    }
  });
  transformers.forEach((t, g) => {
    for (let j = 0; j < n; j++) rowUpper[trafoRow0 + g * n + j] = (t.capacityW[j] as number) / 1000;
  });
  const data: ModelData = {
    numCols, numRows, colCost, colLower, colUpper, rowLower, rowUpper,
    matrix: { format: 'csc', numRows, numCols, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  };
  return { data, layout: { n, stride, powerCol: (h, j) => h * stride + j, backupCol: (h, j) => (backup ? h * stride + backupCol0 + j : -1) } };
}

/** Household h's schedule from an LP solution: total electric power and the backup heater's part (W). */
export function scheduleFromColumns(layout: LpLayout, colValue: Float64Array, h: number): { powerW: Float64Array; backupW?: Float64Array } {
  const powerW = new Float64Array(layout.n);
  for (let j = 0; j < layout.n; j++) powerW[j] = Math.max(0, (colValue[layout.powerCol(h, j)] as number) * 1000);
  if (layout.backupCol(h, 0) < 0) return { powerW };
  const backupW = new Float64Array(layout.n);
  let any = false;
  for (let j = 0; j < layout.n; j++) {
    backupW[j] = Math.max(0, (colValue[layout.backupCol(h, j)] as number) * 1000);
    if ((backupW[j] as number) > 0) { any = true; powerW[j] = (powerW[j] as number) + (backupW[j] as number); }
  }
  return any ? { powerW, backupW } : { powerW };
}
