/**
 * Seeded pseudo-random numbers: mulberry32 (Tommy Ettinger, public domain), a 32-bit state
 * generator that passes gjrand/PractRand to 2^32 outputs — ample for drawing household parameters.
 * Every draw in the twin goes through an `Rng` so a fleet is reproducible from its seed.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Derives an independent child seed (household i of a fleet) by hashing (seed, i) — splitmix32 finaliser. */
export function childSeed(seed: number, index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export const uniform = (rng: Rng, min: number, max: number): number => min + (max - min) * rng.next();

/** Triangular distribution (min, mode, max): a bounded, readable way to say "typically X, between A and B". */
export function triangular(rng: Rng, min: number, mode: number, max: number): number {
  const u = rng.next();
  const f = (mode - min) / (max - min);
  return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/** Picks a key with probability proportional to its weight. */
export function pickWeighted<K extends string>(rng: Rng, weights: Readonly<Partial<Record<K, number>>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let u = rng.next() * total;
  for (const [k, w] of entries) {
    u -= w;
    if (u < 0) return k;
  }
  return (entries[entries.length - 1] as [K, number])[0];
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
