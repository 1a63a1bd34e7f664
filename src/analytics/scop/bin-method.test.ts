import { describe, expect, it } from 'vitest';
import { computeScop, cyclingCop, interpolateDeclared, type ScopResult } from './bin-method.js';
import { AVERAGE_CLIMATE, CLIMATES, COLDER_CLIMATE, partLoadRatio } from './climate-bins.js';
import type { DeclaredUnit } from './declared-unit.js';

const P = 10; // Pdesignh [kW]
const load = (tempC: number) => P * partLoadRatio(tempC, -10);
const noOffMode = { thermostatOffW: 0, standbyW: 0, crankcaseW: 0, offW: 0 };

/** A unit with the same COP everywhere and `capacityFactor`·load at every declared point. */
function unit(over: Partial<DeclaredUnit> = {}, cop = 3, capacityFactor = 1): DeclaredUnit {
  const tbiv = over.bivalentTempC ?? -10;
  const tol = over.operationLimitTempC ?? -10;
  const at = (label: 'A' | 'B' | 'C' | 'D' | 'E' | 'F', tempC: number) => ({ label, tempC, capacityKw: capacityFactor * load(tempC), cop });
  return {
    designLoadKw: P, bivalentTempC: tbiv, operationLimitTempC: tol, offModePowers: noOffMode, sourceKind: 'air',
    points: [at('A', -7), at('B', 2), at('C', 7), at('D', 12), at('E', tol), at('F', tbiv)],
    ...over,
  };
}

function ok(u: DeclaredUnit, cdh?: number): ScopResult {
  const out = computeScop(u, AVERAGE_CLIMATE, { cyclingCdh: cdh });
  if (!out.ok) throw new Error(out.reason.message);
  return out.value;
}

describe('EN 14825 bin method on constructed units', () => {
  it('a unit with constant COP that always meets the load has SCOPon = SCOP = COP and ηs = COP/2.5 − 3 %', () => {
    const r = ok(unit());
    expect(r.scopOn).toBeCloseTo(3, 12);
    expect(r.scop).toBeCloseTo(3, 12);
    expect(r.seasonalEfficiencyPct).toBeCloseTo(117, 10);
    expect(ok({ ...unit(), sourceKind: 'water-brine' }).seasonalEfficiencyPct).toBeCloseTo(112, 10);
    expect(r.backupShare).toBe(0);
    expect(r.annualDemandKWh).toBe(P * 2066);
  });

  it('below TOL the electric back-up covers the whole load at COP 1 (hand-checked: 53,706 / 18,704)', () => {
    // Bins −10, −9, −8 lie below TOL −7: Σhj·(16 − Tj) there = 1·26 + 25·25 + 23·24 = 1,203 of 53,706 K·h.
    const r = ok(unit({ operationLimitTempC: -7, bivalentTempC: -7 }));
    expect(r.scopOn).toBeCloseTo(53706 / ((53706 - 1203) / 3 + 1203), 12);
    expect(r.bins[0]).toMatchObject({ tempC: -10, capacityKw: 0, copBin: 1, backupKw: P });
    expect(r.backupShare).toBeCloseTo(1203 / 53706, 12);
  });

  it('below Tbiv a capacity shortfall is made up by back-up; at and above Tbiv there is none', () => {
    const u = unit({ bivalentTempC: -7 });
    u.points = u.points.map((p) => (p.label === 'E' ? { ...p, capacityKw: 0.5 * P } : p)); // half the load at −10 °C
    const r = ok(u);
    expect(r.bins.find((b) => b.tempC === -10)).toMatchObject({ capacityKw: 5, backupKw: 5 });
    // −8 °C: capacity interpolated 2/3 of the way from 5 kW (−10) to Ph(−7) = 8.846 kW.
    const capMinus8 = 5 + (2 / 3) * (load(-7) - 5);
    expect(r.bins.find((b) => b.tempC === -8)?.backupKw).toBeCloseTo(load(-8) - capMinus8, 12);
    expect(r.bins.filter((b) => b.tempC >= -7).every((b) => b.backupKw === 0)).toBe(true);
    expect(r.scopOn).toBeLessThan(3);
  });

  it('cycling: with Cdh given, COPbin = COPd·CR/(Cdh·CR + 1 − Cdh) where capacity exceeds the load', () => {
    expect(cyclingCop(3, 0.5, 0.9)).toBeCloseTo(1.5 / 0.55, 12);
    expect(cyclingCop(3, 1, 0.9)).toBeCloseTo(3, 12);
    // Capacity twice the load at every point (no F, which must equal the load): CR = 0.5 up to +12 °C;
    // above D the capacity is held at Pdh(12) = 2·P·4/26, so CR = 3/8, 2/8, 1/8 at 13, 14, 15 °C.
    const oversized = unit({}, 3, 2);
    oversized.points = oversized.points.filter((p) => p.label !== 'F');
    const c = (cr: number) => cyclingCop(3, cr, 0.9);
    const heatKh = 53706; // Σhj·(16 − Tj); 151·3 + 105·2 + 74·1 = 737 of it above +12 °C
    const expected = heatKh / ((heatKh - 737) / c(0.5) + 453 / c(3 / 8) + 210 / c(2 / 8) + 74 / c(1 / 8));
    expect(ok(oversized, 0.9).scopOn).toBeCloseTo(expected, 12);
    expect(ok(oversized).scopOn).toBeCloseTo(3, 12); // declared COPd used as declared by default
    expect(() => computeScop(unit(), AVERAGE_CLIMATE, { cyclingCdh: 1.2 })).toThrow(/Cdh/);
  });

  it('off-mode powers enter SCOP with the 813/2013 hours (HTO 178, HCK 3,850, HOFF 3,672)', () => {
    const r = ok({ ...unit(), offModePowers: { thermostatOffW: 20, standbyW: 15, crankcaseW: 10, offW: 10 } });
    const offKWh = (178 * 20 + 0 * 15 + 3850 * 10 + 3672 * 10) / 1000;
    expect(r.scop).toBeCloseTo(20660 / (20660 / 3 + offKWh), 12);
  });

  it('interpolates linearly between declared points and holds the outermost value beyond them', () => {
    const pts = [
      { label: 'A' as const, tempC: -7, capacityKw: 8, cop: 2 },
      { label: 'B' as const, tempC: 2, capacityKw: 5, cop: 3.8 },
    ];
    const mid = interpolateDeclared(pts, -4);
    expect(mid.capacityKw).toBeCloseTo(7, 12);
    expect(mid.cop).toBeCloseTo(2.6, 12);
    expect(interpolateDeclared(pts, 15)).toEqual({ capacityKw: 5, cop: 3.8 });
  });

  it('each climate table reproduces its equivalent active hours HHE = Σ hj·pl(Tj) (811/2013 Annex VII)', () => {
    for (const c of Object.values(CLIMATES)) {
      const hhe = c.bins.reduce((s, b) => s + b.hours * partLoadRatio(b.tempC, c.designTempC), 0);
      expect(Math.round(hhe)).toBe(c.equivalentActiveHours);
      expect(c.bins[0]?.tempC).toBe(c.designTempC);
      expect(c.bins.at(-1)?.tempC).toBe(15);
    }
  });

  it('colder climate: SCOPon only, SCOP and ηs null (no sourced off-mode hours)', () => {
    const tempsC = [-15, -7, 2, 7, 12];
    const loadC = (t: number) => P * partLoadRatio(t, -22);
    const labels = ['E', 'A', 'B', 'C', 'D'] as const;
    const u: DeclaredUnit = {
      ...unit(), bivalentTempC: -15, operationLimitTempC: -15,
      points: tempsC.map((t, i) => ({ label: labels[i]!, tempC: t, capacityKw: loadC(t), cop: 2.5 })),
    };
    const out = computeScop(u, COLDER_CLIMATE);
    expect(out.ok && out.value.scopOn).toBeGreaterThan(1);
    expect(out.ok && out.value.scop).toBeNull();
    expect(out.ok && out.value.seasonalEfficiencyPct).toBeNull();
  });
});

describe('declared data that cannot give a SCOP get a reason', () => {
  const reason = (u: DeclaredUnit) => {
    const out = computeScop(u, AVERAGE_CLIMATE);
    return out.ok ? null : out.reason.code;
  };
  it.each([
    ['tbiv-below-tol', unit({ bivalentTempC: -10, operationLimitTempC: -7 })],
    ['cop-below-1', unit({}, 0.8)],
    ['non-positive-capacity', unit({ designLoadKw: 0 })],
    ['invalid-input', unit({ designLoadKw: Number.NaN })],
    ['capacity-not-load-at-tbiv', unit({ bivalentTempC: -7 }, 3, 1.3)],
    ['implausible-capacity', unit({}, 3, 4)],
  ])('%s', (code, u) => {
    expect(reason(u)).toBe(code);
  });
  it('conflicting-points: F at −7 °C declaring other values than A', () => {
    const u = unit({ bivalentTempC: -7 });
    u.points = u.points.map((p) => (p.label === 'F' ? { ...p, cop: p.cop + 0.3 } : p));
    expect(reason(u)).toBe('conflicting-points');
  });
  it('capacity-short-above-tbiv: +2 °C capacity 20 % under the load while Tbiv is −7 °C', () => {
    const u = unit({ bivalentTempC: -7 });
    u.points = u.points.map((p) => (p.label === 'B' ? { ...p, capacityKw: 0.8 * p.capacityKw } : p));
    expect(reason(u)).toBe('capacity-short-above-tbiv');
  });
});
