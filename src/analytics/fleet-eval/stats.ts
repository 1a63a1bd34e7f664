/**
 * Descriptive statistics and the percentile bootstrap (stats.md): quantiles (Hyndman & Fan type 7, the
 * default of R and NumPy), median, IQR, and a seeded bootstrap confidence interval of a statistic.
 */
import { mulberry32, type Rng } from '../../sim/index.js';

/** Quantile p ∈ [0, 1] of sorted values by linear interpolation between order statistics (type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile: p ${p} is outside 0…1`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

export const sortedCopy = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
export const median = (values: readonly number[]): number => quantileSorted(sortedCopy(values), 0.5);

export interface Summary { readonly n: number; readonly median: number; readonly q25: number; readonly q75: number; readonly iqr: number; readonly min: number; readonly max: number; readonly mean: number }

export function summarise(values: readonly number[]): Summary {
  const s = sortedCopy(values);
  const q25 = quantileSorted(s, 0.25);
  const q75 = quantileSorted(s, 0.75);
  return { n: s.length, median: quantileSorted(s, 0.5), q25, q75, iqr: q75 - q25, min: s[0] as number, max: s[s.length - 1] as number, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

export interface BootstrapOptions {
  /** Resamples; default 2000 (Efron & Tibshirani 1993 recommend ≥ 1000 for percentile intervals). */
  readonly resamples?: number;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Seed of the resampling RNG: the same data and seed give the same interval. */
  readonly seed?: number;
}
export interface ConfidenceInterval { readonly low: number; readonly high: number; readonly level: number; readonly method: string }

function resample(values: readonly number[], rng: Rng, out: number[]): number[] {
  for (let i = 0; i < values.length; i++) out[i] = values[Math.floor(rng.next() * values.length)] as number;
  return out;
}

function percentileInterval(stats: number[], level: number, method: string): ConfidenceInterval {
  stats.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return { low: quantileSorted(stats, alpha), high: quantileSorted(stats, 1 - alpha), level, method };
}

function checked(o: BootstrapOptions) {
  const resamples = o.resamples ?? 2000;
  const level = o.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 100) throw new Error(`bootstrap: resamples ${resamples} must be an integer ≥ 100`);
  if (!(level > 0 && level < 1)) throw new Error(`bootstrap: level ${level} must be between 0 and 1`);
  return { resamples, level, rng: mulberry32(o.seed ?? 1) };
}

/** Percentile-bootstrap CI of the median; null for fewer than 2 values. */
export function bootstrapMedianCi(values: readonly number[], o: BootstrapOptions = {}): ConfidenceInterval | null {
  if (values.length < 2) return null;
  const { resamples, level, rng } = checked(o);
  const buf: number[] = new Array<number>(values.length);
  const stats: number[] = [];
  for (let b = 0; b < resamples; b++) stats.push(median(resample(values, rng, buf)));
  return percentileInterval(stats, level, `percentile bootstrap of the median, ${resamples} resamples`);
}

/** Percentile-bootstrap CI of median(a) − median(b), resampling each group independently; null when a group has fewer than 2 values. */
export function bootstrapMedianDifferenceCi(a: readonly number[], b: readonly number[], o: BootstrapOptions = {}): ConfidenceInterval | null {
  if (a.length < 2 || b.length < 2) return null;
  const { resamples, level, rng } = checked(o);
  const ba: number[] = new Array<number>(a.length);
  const bb: number[] = new Array<number>(b.length);
  const stats: number[] = [];
  for (let k = 0; k < resamples; k++) stats.push(median(resample(a, rng, ba)) - median(resample(b, rng, bb)));
  return percentileInterval(stats, level, `percentile bootstrap of the median difference, ${resamples} resamples`);
}
