/**
 * (Weighted) least squares by Householder QR with heteroscedasticity-robust HC3 standard errors and
 * Student-t confidence intervals (ols.md). Small and dense: p is a handful of factors, n ≤ tens of thousands.
 */
import { studentTQuantile } from './student-t.js';

export interface OlsFit {
  readonly n: number;
  readonly p: number;
  readonly coefficients: readonly number[];
  /** HC3 standard errors (MacKinnon & White 1985; Long & Ervin 2000). */
  readonly seHc3: readonly number[];
  /** Classical (homoscedastic) standard errors, for comparison. */
  readonly seClassical: readonly number[];
  readonly ci: readonly (readonly [number, number])[];
  readonly level: number;
  readonly rSquared: number;
  readonly adjRSquared: number;
  readonly residualDf: number;
  /** Leverages h_ii of the (weighted) design. */
  readonly leverage: readonly number[];
}

export class RankDeficientError extends Error {
  constructor(readonly column: number) { super(`design matrix is rank deficient at column ${column} (a factor is a linear combination of the others)`); }
}

/**
 * Fits y = Xβ + ε minimising Σ wᵢ(yᵢ − xᵢβ)². `x` is row-major n × p and should contain the intercept
 * column if one is wanted (R² is then the centred one). Throws RankDeficientError when a column is
 * (numerically) a combination of earlier ones.
 */
export function fitOls(x: readonly (readonly number[])[], y: readonly number[], opts: { weights?: readonly number[]; level?: number } = {}): OlsFit {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  const level = opts.level ?? 0.95;
  if (x.length !== n) throw new Error(`ols: ${x.length} rows of x but ${n} values of y`);
  if (p === 0) throw new Error('ols: no columns');
  if (n <= p) throw new Error(`ols: ${n} observations for ${p} coefficients (need more observations than coefficients)`);
  const w = opts.weights ?? new Array<number>(n).fill(1);
  if (w.length !== n || w.some((v) => !(v > 0) || !Number.isFinite(v))) throw new Error('ols: weights must be positive and one per observation');
  const sw = w.map(Math.sqrt);
  // A = √W X (column-major for Householder), b = √W y.
  const a: Float64Array[] = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, (_, i) => ((x[i] as readonly number[])[j] as number) * (sw[i] as number)));
  const b = Float64Array.from({ length: n }, (_, i) => (y[i] as number) * (sw[i] as number));
  for (const col of a) if (col.some((v) => !Number.isFinite(v))) throw new Error('ols: x holds a non-finite value');
  if (b.some((v) => !Number.isFinite(v))) throw new Error('ols: y holds a non-finite value');
  const colNorm0 = a.map((c) => Math.hypot(...c));
  for (let k = 0; k < p; k++) {
    const c = a[k] as Float64Array;
    let norm = 0;
    for (let i = k; i < n; i++) norm += (c[i] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm <= 1e-10 * Math.max(1, colNorm0[k] as number)) throw new RankDeficientError(k);
    const alpha = (c[k] as number) > 0 ? -norm : norm;
    const v = new Float64Array(n);
    v[k] = (c[k] as number) - alpha;
    for (let i = k + 1; i < n; i++) v[i] = c[i] as number;
    let vv = 0;
    for (let i = k; i < n; i++) vv += (v[i] as number) ** 2;
    const apply = (t: Float64Array) => {
      let d = 0;
      for (let i = k; i < n; i++) d += (v[i] as number) * (t[i] as number);
      const f = (2 * d) / vv;
      for (let i = k; i < n; i++) t[i] = (t[i] as number) - f * (v[i] as number);
    };
    for (let j = k; j < p; j++) apply(a[j] as Float64Array);
    apply(b);
  }
  // R is upper triangular in a[j][i], i ≤ j. Solve Rβ = Qᵀb.
  const r = (i: number, j: number) => (a[j] as Float64Array)[i] as number;
  const beta = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let j = i + 1; j < p; j++) s -= r(i, j) * (beta[j] as number);
    beta[i] = s / r(i, i);
  }
  // R⁻¹ (upper triangular) → (XᵀWX)⁻¹ = R⁻¹R⁻ᵀ.
  const rinv: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    (rinv[j] as number[])[j] = 1 / r(j, j);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r(i, k) * ((rinv[k] as number[])[j] as number);
      (rinv[i] as number[])[j] = -s / r(i, i);
    }
  }
  const xtxInv: number[][] = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => {
    let s = 0;
    for (let k = Math.max(i, j); k < p; k++) s += ((rinv[i] as number[])[k] as number) * ((rinv[j] as number[])[k] as number);
    return s;
  }));
  // Residuals and leverages of the weighted problem: z_i = √w_i x_i, h_ii = z_i (XᵀWX)⁻¹ z_iᵀ.
  const resid: number[] = []; const lev: number[] = [];
  let sse = 0; let swy = 0; let sws = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as readonly number[];
    let fit = 0;
    for (let j = 0; j < p; j++) fit += (xi[j] as number) * (beta[j] as number);
    const e = (y[i] as number) - fit;
    resid.push(e);
    sse += (w[i] as number) * e * e;
    swy += (w[i] as number) * (y[i] as number); sws += w[i] as number;
    let h = 0;
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) h += (xi[j] as number) * ((xtxInv[j] as number[])[k] as number) * (xi[k] as number);
    lev.push(h * (w[i] as number));
  }
  const ybar = swy / sws;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (w[i] as number) * ((y[i] as number) - ybar) ** 2;
  const df = n - p;
  const sigma2 = sse / df;
  // HC3 meat: Σ w_i² e_i² x_i x_iᵀ / (1 − h_ii)² (weighted residual √w e, weighted row √w x).
  const meat: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < n; i++) {
    const xi = x[i] as readonly number[];
    const hi = Math.min(lev[i] as number, 1 - 1e-12);
    const s = ((w[i] as number) ** 2 * (resid[i] as number) ** 2) / (1 - hi) ** 2;
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) (meat[j] as number[])[k] = ((meat[j] as number[])[k] as number) + s * (xi[j] as number) * (xi[k] as number);
  }
  const se3: number[] = [];
  for (let j = 0; j < p; j++) {
    let v = 0;
    for (let k = 0; k < p; k++) for (let l = 0; l < p; l++) v += ((xtxInv[j] as number[])[k] as number) * ((meat[k] as number[])[l] as number) * ((xtxInv[l] as number[])[j] as number);
    se3.push(Math.sqrt(Math.max(0, v)));
  }
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  const rSquared = sst > 0 ? 1 - sse / sst : 0;
  return {
    n, p, coefficients: beta, seHc3: se3,
    seClassical: xtxInv.map((row, j) => Math.sqrt(Math.max(0, sigma2 * (row[j] as number)))),
    ci: beta.map((bj, j) => [bj - t * (se3[j] as number), bj + t * (se3[j] as number)] as const),
    level, rSquared, adjRSquared: 1 - ((1 - rSquared) * (n - 1)) / df, residualDf: df, leverage: lev,
  };
}
