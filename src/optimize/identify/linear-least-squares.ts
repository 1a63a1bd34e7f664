/**
 * Small dense least squares with an optional Gaussian prior (ridge towards a prior mean): solves
 * (XᵀX + Λ) θ = Xᵀy + Λ θ₀ by Cholesky. p is tiny (≤ 6), so this is exact and fast; Bishop (2006),
 * Pattern Recognition and Machine Learning, §3.3 (posterior mean of Bayesian linear regression).
 */

export interface LeastSquaresFit {
  readonly theta: Float64Array;
  /** (XᵀX + Λ)⁻¹, row-major p × p; times the residual variance it is the parameters' covariance. */
  readonly inverse: Float64Array;
  readonly residualSumSquares: number;
  readonly n: number;
}

/** Cholesky factor L (row-major, lower) of a symmetric positive-definite p × p matrix; null if not SPD. */
function cholesky(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / (l[j * p + j] as number);
    }
  }
  return l;
}

function solveCholesky(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (z[k] as number);
    z[i] = s / (l[i * p + i] as number);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}

/**
 * rows: the regressors of each observation (length p), y: the responses. priorPrecision (diagonal Λ, length p)
 * and priorMean (θ₀) are optional; without them this is ordinary least squares. Throws when the normal
 * matrix is singular (a regressor never varies and there is no prior on it).
 */
export function leastSquares(rows: readonly Float64Array[], y: ArrayLike<number>, prior?: { precision: ArrayLike<number>; mean: ArrayLike<number> }): LeastSquaresFit {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n === 0 || p === 0) throw new Error('least squares: no observations');
  if (y.length !== n) throw new Error(`least squares: ${n} rows but ${y.length} responses`);
  const ata = new Float64Array(p * p);
  const aty = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    const x = rows[r] as Float64Array;
    const yr = y[r] as number;
    for (let i = 0; i < p; i++) {
      const xi = x[i] as number;
      aty[i] = (aty[i] as number) + xi * yr;
      for (let j = 0; j <= i; j++) ata[i * p + j] = (ata[i * p + j] as number) + xi * (x[j] as number);
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) ata[j * p + i] = ata[i * p + j] as number;
  if (prior) {
    for (let i = 0; i < p; i++) {
      const lam = prior.precision[i] as number;
      ata[i * p + i] = (ata[i * p + i] as number) + lam;
      aty[i] = (aty[i] as number) + lam * (prior.mean[i] as number);
    }
  }
  const l = cholesky(ata, p);
  if (!l) throw new Error('least squares: the regressors are collinear or never vary (normal matrix not positive definite)');
  const theta = solveCholesky(l, p, aty);
  const inverse = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    const e = new Float64Array(p);
    e[c] = 1;
    const col = solveCholesky(l, p, e);
    for (let r = 0; r < p; r++) inverse[r * p + c] = col[r] as number;
  }
  let rss = 0;
  for (let r = 0; r < n; r++) {
    const x = rows[r] as Float64Array;
    let fit = 0;
    for (let i = 0; i < p; i++) fit += (x[i] as number) * (theta[i] as number);
    rss += ((y[r] as number) - fit) ** 2;
  }
  return { theta, inverse, residualSumSquares: rss, n };
}
