import { describe, expect, it } from 'vitest';
import { rankGroups } from './rankings.js';
import { population, type UnitSpec } from './test-population.js';

const model = (model: string, manufacturer: string, spfs: readonly number[], extra: Partial<UnitSpec> = {}): UnitSpec[] =>
  spfs.map((spf, i) => ({ id: `${model}-${i}`, model, manufacturer, spf, ...extra }));

// Model A1 (Acme): SPF 3.0…3.4 → median 3.2; B2 (Bolt): 2.2…2.6 → median 2.4; C3 (Acme): only 2 units; D4: 5 units but 3 at 50 % coverage.
const units = population([
  ...model('A1', 'Acme', [3.0, 3.1, 3.2, 3.3, 3.4]),
  ...model('B2', 'Bolt', [2.2, 2.3, 2.4, 2.5, 2.6]),
  ...model('C3', 'Acme', [4.0, 4.2]),
  ...model('D4', 'Dyn', [3.5, 3.5], {}), ...model('D4x', 'Dyn', [1.0, 1.0, 1.0], { model: 'D4', coverage: 0.5 }).map((s, i) => ({ ...s, id: `D4-low-${i}` })),
]);

describe('model and manufacturer rankings', () => {
  const r = rankGroups(units, { minUnits: 5, minCoveragePct: 80, minHeatKWh: 0, bootstrap: { seed: 3 } });
  it('ranks models with enough units by median SPF H2, best first, with IQR and a CI around the median', () => {
    expect(r.ranked.map((g) => [g.key, g.rank, g.n])).toEqual([['Acme / A1', 1, 5], ['Bolt / B2', 2, 5]]);
    const a = r.ranked[0];
    expect(a?.medianSpf).toBeCloseTo(3.2, 6);
    expect(a?.q25).toBeCloseTo(3.1, 6);
    expect(a?.iqr).toBeCloseTo(0.2, 6);
    expect(a?.ci?.low).toBeLessThanOrEqual(3.2);
    expect(a?.ci?.high).toBeGreaterThanOrEqual(3.2);
    expect(a?.meanCoveragePct).toBeGreaterThan(99);
    expect(r.boundary).toBe('h2');
    expect(r.period?.fromIso).toBe('2019-01-09T16:00:00.000Z');
  });
  it('a model below the minimum units is "insufficient data", not ranked — even with the best SPF', () => {
    const c3 = r.insufficientData.find((g) => g.key === 'Acme / C3');
    expect(c3?.reason).toMatch(/2 of 2 units meet the unit rules, 5 needed/);
    expect(r.ranked.some((g) => g.key === 'Acme / C3')).toBe(false);
  });
  it('low-coverage units do not count towards the minimum, and are listed with their reason', () => {
    const d4 = r.insufficientData.find((g) => g.key === 'Dyn / D4');
    expect(d4?.nEligible).toBe(2);
    expect(d4?.nUnits).toBe(5);
    expect(r.excludedUnits.filter((u) => u.group === 'Dyn / D4').every((u) => u.reasons.some((x) => x.code === 'low-coverage'))).toBe(true);
  });
  it('by manufacturer the groups pool their models; H4 is reported only where metered', () => {
    const m = rankGroups(units, { groupBy: 'manufacturer', minUnits: 5, minHeatKWh: 0 });
    expect(m.ranked.map((g) => [g.key, g.n])).toEqual([['Acme', 7], ['Bolt', 5]]);
    expect(m.ranked[0]?.medianSpf).toBeCloseTo(3.3, 6);
    expect(m.ranked[0]?.secondary).toEqual({ boundary: 'h4', n: 0, medianSpf: null });
  });
  it('bad options are errors naming the field', () => {
    expect(() => rankGroups(units, { minUnits: 0 })).toThrow(/minUnits/);
    expect(() => rankGroups(units, { boundary: 'h5' as 'h1' })).toThrow(/boundary/);
  });
});
