import { describe, expect, it } from 'vitest';
import { fitOls, RankDeficientError } from './ols.js';
import { studentTCdf, studentTQuantile } from './student-t.js';

const withIntercept = (xs: readonly number[]) => xs.map((x) => [1, x]);

describe('Student t', () => {
  it('quantiles match published tables', () => {
    // Table values (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.015048, 5);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
  });
});

describe('least squares with HC3', () => {
  it('recovers an exact line with zero standard errors and R² = 1', () => {
    const xs = [0, 1, 2, 3, 4, 5];
    const f = fitOls(withIntercept(xs), xs.map((x) => 2 + 3 * x));
    expect(f.coefficients[0]).toBeCloseTo(2, 10);
    expect(f.coefficients[1]).toBeCloseTo(3, 10);
    expect(f.rSquared).toBeCloseTo(1, 12);
    expect(f.seHc3[1]).toBeCloseTo(0, 10);
  });
  it('matches the hand-computed simple regression, classical and HC3 errors', () => {
    // x̄ = 3, Sxx = 10, Sxy = 6 → slope 0.6, intercept 2.2; residuals −0.8, 0.6, 1.0, −0.6, −0.2; SSE 2.4; SST 6 → R² 0.6.
    // Classical se(slope) = √(SSE/(n−2)/Sxx) = √0.08. Leverages 1/n + (x−x̄)²/Sxx = 0.6, 0.3, 0.2, 0.3, 0.6;
    // HC3 var(slope) = Σ (x−x̄)² (e/(1−h))² / Sxx² = (16 + 0.36/0.49 + 0 + 0.36/0.49 + 1) / 100.
    const f = fitOls(withIntercept([1, 2, 3, 4, 5]), [2, 4, 5, 4, 5]);
    expect(f.coefficients[0]).toBeCloseTo(2.2, 12);
    expect(f.coefficients[1]).toBeCloseTo(0.6, 12);
    expect(f.rSquared).toBeCloseTo(0.6, 12);
    expect(f.seClassical[1]).toBeCloseTo(Math.sqrt(0.08), 12);
    expect(f.leverage.map((h) => Number(h.toFixed(10)))).toEqual([0.6, 0.3, 0.2, 0.3, 0.6]);
    expect(f.seHc3[1]).toBeCloseTo(Math.sqrt((17 + 0.72 / 0.49) / 100), 12);
    const t = studentTQuantile(0.975, 3);
    expect(f.ci[1]?.[0]).toBeCloseTo(0.6 - t * (f.seHc3[1] as number), 12);
  });
  it('integer weights give the same coefficients as repeated rows', () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const ys = [1.2, 1.9, 3.4, 3.8, 5.3, 5.9];
    const ws = [1, 3, 2, 1, 4, 2];
    const weighted = fitOls(withIntercept(xs), ys, { weights: ws });
    const rx: number[] = []; const ry: number[] = [];
    xs.forEach((x, i) => { for (let k = 0; k < (ws[i] as number); k++) { rx.push(x); ry.push(ys[i] as number); } });
    const repeated = fitOls(withIntercept(rx), ry);
    expect(weighted.coefficients[0]).toBeCloseTo(repeated.coefficients[0] as number, 10);
    expect(weighted.coefficients[1]).toBeCloseTo(repeated.coefficients[1] as number, 10);
    expect(weighted.rSquared).toBeCloseTo(repeated.rSquared, 10);
  });
  it('a dummy column recovers the difference of group means', () => {
    const rows = [[1, 0], [1, 0], [1, 0], [1, 1], [1, 1], [1, 1]];
    const f = fitOls(rows, [2, 3, 4, 4, 5, 6]);
    expect(f.coefficients[0]).toBeCloseTo(3, 12);
    expect(f.coefficients[1]).toBeCloseTo(2, 12);
  });
  it('says which column is a combination of the others, and refuses too few rows or bad values', () => {
    const rows = [[1, 1, 2], [1, 2, 4], [1, 3, 6], [1, 4, 8.0]];
    expect(() => fitOls(rows, [1, 2, 3, 5])).toThrow(RankDeficientError);
    expect(() => fitOls(rows, [1, 2, 3, 5])).toThrow(/column 2/);
    expect(() => fitOls([[1, 1], [1, 2]], [1, 2])).toThrow(/need more observations/);
    expect(() => fitOls(withIntercept([1, 2, 3]), [1, Number.NaN, 3])).toThrow(/y holds a non-finite/);
    expect(() => fitOls(withIntercept([1, 2, 3]), [1, 2, 3], { weights: [1, 0, 1] })).toThrow(/weights must be positive/);
  });
});
