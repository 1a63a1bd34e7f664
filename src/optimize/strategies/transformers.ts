/**
 * Transformer groups and ratings for the comparison. Village distribution transformers come in the
 * R10 series of standard ratings (GB/T 6451, S11/S13 oil-immersed units: 30 … 1600 kVA). Where the
 * registry has no transformer, the rating is an assumption stated with every result: the largest
 * standard size not above a share (default 80 %) of the thermostat baseline's measured peak kVA.
 */
import type { TransformerSpec } from './types.js';

export const STANDARD_RATINGS_KVA = [30, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600] as const;
/** Common planning power factor of rural LV feeders (src/domain/registry.ts TransformerSchema). */
export const DEFAULT_POWER_FACTOR = 0.9;
export const DEFAULT_SIZING_SHARE = 0.8;

/** Largest standard rating not above `kva` (the smallest one when `kva` is below it). */
export function standardRatingBelow(kva: number): number {
  if (!(kva > 0)) throw new Error(`rating: ${kva} kVA must be positive`);
  let best: number = STANDARD_RATINGS_KVA[0];
  for (const r of STANDARD_RATINGS_KVA) if (r <= kva) best = r;
  return best;
}

/** Consecutive households in villages of `perVillage`, one transformer each (rating filled in later). */
export function villageTransformers(households: number, perVillage: number, ratingKVA: number, powerFactor = DEFAULT_POWER_FACTOR): TransformerSpec[] {
  if (!Number.isInteger(perVillage) || perVillage < 1) throw new Error(`households per village: ${perVillage} must be a positive integer`);
  const out: TransformerSpec[] = [];
  for (let v = 0; v * perVillage < households; v++) {
    const idx = Array.from({ length: Math.min(perVillage, households - v * perVillage) }, (_, j) => v * perVillage + j);
    out.push({ id: `village-${String(v + 1).padStart(3, '0')}-tx1`, ratingKVA, powerFactor, householdIndices: idx });
  }
  return out;
}

/** Ratings sized from each transformer's measured peak (W) under the baseline. */
export function sizeFromPeaks(transformers: readonly TransformerSpec[], peakW: readonly number[], share = DEFAULT_SIZING_SHARE): TransformerSpec[] {
  if (peakW.length !== transformers.length) throw new Error(`sizing: ${peakW.length} peaks for ${transformers.length} transformers`);
  return transformers.map((t, g) => ({ ...t, ratingKVA: standardRatingBelow((share * (peakW[g] as number)) / 1000 / t.powerFactor) }));
}
