/**
 * Frosting and reverse-cycle defrost of outdoor-air evaporators. Frost grows while the coil is below
 * 0 °C and below the air's dew point, at a rate proportional to the humidity-ratio difference between
 * the air and saturated air at the coil (mass-transfer analogy); a defrost cycle starts when the
 * accumulated frost reaches the reference load. See defrost.md.
 */
import { humidityRatio, saturationHumidityRatio } from './psychrometrics.js';

/** Evaporator approach: coil surface ≈ outdoor − 8 K at full load (6–10 K typical for finned-tube ASHP coils). */
export const COIL_APPROACH_K = 8;
/** Reference condition: 0 °C, 85 % RH, a defrost every 45 min at full speed (time–temperature controls: 30–90 min). */
export const REFERENCE_FROST = { tempC: 0, rhPct: 85, intervalS: 45 * 60 } as const;
/** Reverse-cycle defrost: duration, heat drawn back from the water circuit and compressor power, per kW nominal. */
export const DEFROST_DURATION_S = 300;
export const DEFROST_HEAT_DRAW_W_PER_KW = 250;
export const DEFROST_COMPRESSOR_W_PER_KW = 100;
/** Capacity and COP lost at full frost load just before a defrost (frost blocks air flow and insulates the fins). */
export const FROST_CAPACITY_LOSS = 0.15;
export const FROST_COP_LOSS = 0.1;

const drivingForce = (tempC: number, rhPct: number): number =>
  Math.max(0, humidityRatio(tempC, rhPct) - saturationHumidityRatio(tempC - COIL_APPROACH_K));
const REFERENCE_FORCE = drivingForce(REFERENCE_FROST.tempC, REFERENCE_FROST.rhPct);

/** Frost load gained per second at full compressor speed (1 = a defrost is due). 0 when the coil stays above 0 °C or the air is too dry. */
export function frostRatePerS(tempC: number, rhPct: number): number {
  if (tempC - COIL_APPROACH_K >= 0) return 0;
  return drivingForce(tempC, rhPct) / REFERENCE_FORCE / REFERENCE_FROST.intervalS;
}
