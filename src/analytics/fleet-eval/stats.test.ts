import { describe, expect, it } from 'vitest';
import { bootstrapMedianCi, bootstrapMedianDifferenceCi, median, quantileSorted, summarise } from './stats.js';

describe('descriptive statistics', () => {
  it('type-7 quantiles, median and IQR as R and NumPy compute them', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const s = summarise([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([s.q25, s.median, s.q75, s.iqr, s.mean]).toEqual([3, 5, 7, 4, 5]);
    expect(() => quantileSorted([], 0.5)).toThrow(/empty/);
  });
});

describe('bootstrap', () => {
  const a = Array.from({ length: 40 }, (_, i) => 3 + ((i * 7) % 11) / 10);
  it('is reproducible from its seed and brackets the sample median', () => {
    const ci = bootstrapMedianCi(a, { seed: 7 });
    expect(ci).toEqual(bootstrapMedianCi(a, { seed: 7 }));
    expect(ci?.low).toBeLessThanOrEqual(median(a));
    expect(ci?.high).toBeGreaterThanOrEqual(median(a));
    expect(bootstrapMedianCi([1])).toBeNull();
  });
  it('the interval of a real difference excludes 0; of no difference contains it', () => {
    const b = a.map((v) => v - 0.8);
    const d = bootstrapMedianDifferenceCi(a, b, { seed: 3 });
    expect(d?.low).toBeGreaterThan(0);
    const same = bootstrapMedianDifferenceCi(a, [...a].reverse(), { seed: 3 });
    expect(same?.low).toBeLessThanOrEqual(0);
    expect(same?.high).toBeGreaterThanOrEqual(0);
    expect(() => bootstrapMedianCi(a, { resamples: 10 })).toThrow(/resamples 10/);
  });
});
