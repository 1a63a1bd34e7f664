/**
 * A heat pump as declared under EN 14825: design load, bivalent temperature, operation limit, the
 * declared capacity/COP at the test points and the off-mode powers. Schema-checked here, then checked
 * for internal consistency; anything that would make a SCOP meaningless becomes a reason, not a number.
 */
import { z } from 'zod';
import { partLoadRatio } from './climate-bins.js';

export const POINT_LABELS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type PointLabel = (typeof POINT_LABELS)[number];

const finite = z.number().finite();

export const DeclaredPointSchema = z.object({
  /** A −7, B +2, C +7, D +12 °C (average climate), E = TOL, F = Tbiv. */
  label: z.enum(POINT_LABELS),
  tempC: finite,
  /** Declared capacity Pdh(Tj) [kW]. */
  capacityKw: finite,
  /** Declared COPd(Tj) [-], as declared (EN 14825 declares it after any cycling correction). */
  cop: finite,
});
export type DeclaredPoint = z.infer<typeof DeclaredPointSchema>;

export const OffModePowersSchema = z.object({
  thermostatOffW: finite.nonnegative(),
  standbyW: finite.nonnegative(),
  crankcaseW: finite.nonnegative(),
  offW: finite.nonnegative(),
});
export type OffModePowers = z.infer<typeof OffModePowersSchema>;

export const DeclaredUnitSchema = z.object({
  /** Pdesignh [kW]: the heating load at Tdesignh. */
  designLoadKw: finite,
  bivalentTempC: finite,
  operationLimitTempC: finite,
  points: z.array(DeclaredPointSchema).min(1),
  offModePowers: OffModePowersSchema,
  /** Decides the ηs correction F(2) (Regulation (EU) 813/2013): 'water-brine' gets 5 %. */
  sourceKind: z.enum(['air', 'water-brine', 'unknown']),
});
export type DeclaredUnit = z.infer<typeof DeclaredUnitSchema>;

export const REASON_CODES = [
  'missing-value', 'not-a-number', 'invalid-input', 'non-positive-capacity', 'cop-below-1', 'tbiv-below-tol',
  'conflicting-points', 'capacity-not-load-at-tbiv', 'capacity-short-above-tbiv', 'implausible-capacity',
  'climate-not-declared',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export interface Reason { code: ReasonCode; message: string }

/** Two declarations of the same Tj (e.g. F at −7 °C and A) must agree to within rounding of 2 decimals. */
export const SAME_POINT_TOLERANCE = 0.015;
/** EN 14825 defines Tbiv as the temperature where capacity equals the load; ±10 % is accepted (see scop.md). */
export const BIVALENT_CAPACITY_TOLERANCE = 0.1;
/** A declared capacity above 3·Pdesignh is taken as a unit error (W for kW, a wrong column). */
export const MAX_CAPACITY_TO_DESIGN_LOAD = 3;

const fmt = (v: number) => String(Math.round(v * 1000) / 1000);

/** Internal consistency of a schema-valid unit for a climate with design temperature `designTempC`. */
export function checkDeclaredUnit(unit: DeclaredUnit, designTempC: number): Reason | null {
  const { designLoadKw, bivalentTempC, operationLimitTempC, points } = unit;
  if (!(designLoadKw > 0)) return { code: 'non-positive-capacity', message: `Pdesignh ${fmt(designLoadKw)} kW is not positive` };
  for (const p of points) {
    if (!(p.capacityKw > 0)) return { code: 'non-positive-capacity', message: `Pdh at ${p.label} (${p.tempC} °C) is ${fmt(p.capacityKw)} kW` };
    if (p.cop < 1) return { code: 'cop-below-1', message: `COPd at ${p.label} (${p.tempC} °C) is ${fmt(p.cop)} < 1` };
    if (p.capacityKw > MAX_CAPACITY_TO_DESIGN_LOAD * designLoadKw) {
      return { code: 'implausible-capacity', message: `Pdh at ${p.label} is ${fmt(p.capacityKw)} kW, more than ${MAX_CAPACITY_TO_DESIGN_LOAD}× Pdesignh ${fmt(designLoadKw)} kW` };
    }
  }
  if (bivalentTempC < operationLimitTempC) {
    return { code: 'tbiv-below-tol', message: `Tbiv ${bivalentTempC} °C is below TOL ${operationLimitTempC} °C` };
  }
  for (const [i, p] of points.entries()) {
    for (const q of points.slice(i + 1)) {
      if (p.tempC !== q.tempC) continue;
      if (Math.abs(p.capacityKw - q.capacityKw) > SAME_POINT_TOLERANCE || Math.abs(p.cop - q.cop) > SAME_POINT_TOLERANCE) {
        return {
          code: 'conflicting-points',
          message: `${p.label} and ${q.label} are both at ${p.tempC} °C but declare ${fmt(p.capacityKw)} kW/COP ${fmt(p.cop)} vs ${fmt(q.capacityKw)} kW/COP ${fmt(q.cop)}`,
        };
      }
    }
  }
  const loadKw = (tempC: number) => designLoadKw * partLoadRatio(tempC, designTempC);
  const f = points.find((p) => p.label === 'F');
  if (f) {
    const dev = f.capacityKw / loadKw(f.tempC) - 1;
    if (Math.abs(dev) > BIVALENT_CAPACITY_TOLERANCE) {
      return { code: 'capacity-not-load-at-tbiv', message: `Pdh at Tbiv ${f.tempC} °C is ${fmt(f.capacityKw)} kW but the load there is ${fmt(loadKw(f.tempC))} kW (${fmt(dev * 100)} %)` };
    }
  }
  for (const p of points) {
    if (p.tempC > bivalentTempC && p.capacityKw < (1 - BIVALENT_CAPACITY_TOLERANCE) * loadKw(p.tempC)) {
      return { code: 'capacity-short-above-tbiv', message: `Pdh at ${p.label} (${p.tempC} °C) is ${fmt(p.capacityKw)} kW, below the load ${fmt(loadKw(p.tempC))} kW although above Tbiv` };
    }
  }
  return null;
}
