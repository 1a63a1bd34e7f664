/** Distribution of computed − certified differences, as reported in docs/analytics/scop.md. */

export interface ErrorDistribution {
  count: number;
  /** Median of the signed differences (bias). */
  medianSigned: number;
  medianAbs: number;
  p90Abs: number;
  p95Abs: number;
  maxAbs: number;
  /** Share of rows with |difference| ≤ 0.05 and ≤ 0.1 (after rounding the computed SCOP to 2 decimals). */
  shareWithin005: number;
  shareWithin010: number;
}

/** Nearest-rank percentile of an ascending array (p in [0, 1]). */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return NaN;
  const rank = Math.min(sortedAsc.length, Math.max(1, Math.ceil(p * sortedAsc.length)));
  return sortedAsc[rank - 1]!;
}

// Differences of two 2-decimal figures: compare in hundredths so 0.05 is not lost to float noise.
const within = (d: number, limit: number) => Math.round(Math.abs(d) * 1e6) <= Math.round(limit * 1e6);

export function errorDistribution(differences: readonly number[]): ErrorDistribution {
  const signed = [...differences].sort((a, b) => a - b);
  const abs = differences.map(Math.abs).sort((a, b) => a - b);
  const n = differences.length;
  return {
    count: n,
    medianSigned: percentile(signed, 0.5),
    medianAbs: percentile(abs, 0.5),
    p90Abs: percentile(abs, 0.9),
    p95Abs: percentile(abs, 0.95),
    maxAbs: abs[n - 1] ?? NaN,
    shareWithin005: n ? differences.filter((d) => within(d, 0.05)).length / n : NaN,
    shareWithin010: n ? differences.filter((d) => within(d, 0.1)).length / n : NaN,
  };
}
