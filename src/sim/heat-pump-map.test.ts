import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CAPACITY_SHAPES, HPLIB_GENERIC_COP, PERFORMANCE_MAPS, performanceMap } from './heat-pump-catalogue.js';
import { buildPerformanceMap, capacityFactor, copAt } from './heat-pump-map.js';

const rows = (f: string) => parse(readFileSync(new URL(`../../data/heat-pumps/${f}`, import.meta.url), 'utf8'), { columns: true }) as Record<string, string>[];

describe('heat-pump performance maps', () => {
  it('reproduces every certified Keymark COP of the vendored models within 2 % (EN 14511 declares COP to 2 decimals)', () => {
    const ids: Record<string, string> = { 'PASRW040-BP-PS-B': 'phnix-pasrw040-bp-ps-b', 'PASRW060-BP-PS-B': 'phnix-pasrw060-bp-ps-b', 'M4OC-36HFN8-Q/MZAU-28HWFN8-QD2W': 'midea-m4oc-36hfn8' };
    const km = rows('keymark-points.csv');
    expect(km).toHaveLength(3);
    for (const r of km) {
      const map = performanceMap(ids[(r.titel as string).trim()] as string);
      const pts: [number, number, number, string][] = [[-7, 34, 52, 'minus7'], [2, 30, 42, '2'], [7, 27, 36, '7'], [12, 24, 30, '12']];
      for (const [tj, fl, fh, col] of pts) {
        expect(Math.abs(copAt(map, tj, fl) / Number(r[`cop_${col}_l`]) - 1)).toBeLessThan(0.02);
        expect(Math.abs(copAt(map, tj, fh) / Number(r[`cop_${col}_h`]) - 1)).toBeLessThan(0.02);
      }
    }
  });
  it('hplib-derived maps use the coefficients of data/heat-pumps/hplib-subset.csv', () => {
    const h = rows('hplib-subset.csv').find((r) => r.Titel === 'Generic_average' && r.Subtype === 'On-Off' && r.Group === '4.0') as Record<string, string>;
    expect([h['p1_COP [-]'], h['p2_COP [-]'], h['p3_COP [-]'], h['p4_COP [-]']].map(Number)).toEqual([...HPLIB_GENERIC_COP.airOnOff]);
  });
  it('COP falls with flow temperature and rises with source temperature; extrapolates like Carnot below −7 °C', () => {
    for (const map of PERFORMANCE_MAPS.values()) {
      const s = map.points.sourceC;
      expect(copAt(map, s[1], 35)).toBeGreaterThan(copAt(map, s[1], 50));
      expect(copAt(map, s[2], 35)).toBeGreaterThan(copAt(map, s[0], 35));
    }
    const m = performanceMap('keymark-r410a-median');
    // Below the coldest point η is held: COP(−12, 41) / COP(−7, 41) = Carnot ratio (316.15/61)/(316.15/56).
    expect(copAt(m, -12, 41) / copAt(m, -7, 41)).toBeCloseTo(56 / 61, 6);
    // DOMAIN.md: low-ambient units reach COP 2.0–2.6 at −12 °C / 41 °C.
    expect(copAt(m, -12, 41)).toBeGreaterThan(2.0);
    expect(copAt(m, -12, 41)).toBeLessThan(2.6);
  });
  it('low-ambient capacity: nominal at −12/41, ~90 % of the +7 °C capacity kept at −12 °C, ~70 % at −20 °C', () => {
    const c = CAPACITY_SHAPES['low-ambient-evi'];
    expect(capacityFactor(c, -12, 41)).toBeCloseTo(1, 9);
    expect(capacityFactor(c, -12, 41) / capacityFactor(c, 7, 41)).toBeCloseTo(0.9, 6);
    expect(capacityFactor(c, -20, 41) / capacityFactor(c, 7, 41)).toBeCloseTo(0.7, 6);
  });
  it('rejects impossible data: COP < 1 at a certified point, naming the map and point', () => {
    const bad = { ...performanceMap('keymark-median'), id: 'bad', points: { ...performanceMap('keymark-median').points, copHigh: [0.8, 3, 4, 5] as const } };
    expect(() => buildPerformanceMap(bad)).toThrow(/"bad": points.copHigh\[0\] = 0.8 at source -7 °C \/ flow 52 °C is below 1/);
  });
});
