/**
 * Seasonal space-heating energy efficiency ηs,h from SCOP, Regulation (EU) 813/2013 Annex III point 4
 * (same wording in 811/2013 Annex VII 4(f)): ηs = SCOP/CC − ΣF(i), CC = 2.5, F(1) = 3 % for temperature
 * controls, F(2) = 5 % for water-/brine-to-water heat pumps (their ground-water pump electricity).
 * F(2) is subtracted: the Keymark sample confirms ηs = SCOP·40 − 3 for air/water and − 8 for brine/water.
 */

/** Conversion coefficient CC (primary energy factor of electricity) in 813/2013. */
export const CONVERSION_COEFFICIENT = 2.5;
export const CONTROLS_CORRECTION_PCT = 3;
export const GROUND_WATER_PUMP_CORRECTION_PCT = 5;

export type SourceKind = 'air' | 'water-brine' | 'unknown';

/** ηs,h [%], or null when the source kind (and so F(2)) is unknown. */
export function seasonalEfficiencyPct(scop: number, sourceKind: SourceKind): number | null {
  if (sourceKind === 'unknown') return null;
  const f2 = sourceKind === 'water-brine' ? GROUND_WATER_PUMP_CORRECTION_PCT : 0;
  return (scop / CONVERSION_COEFFICIENT) * 100 - CONTROLS_CORRECTION_PCT - f2;
}

/** Inverse, for certified ηs without a certified SCOP (e.g. the 55 °C application in the Keymark file). */
export function scopFromSeasonalEfficiency(etaPct: number, sourceKind: SourceKind): number | null {
  if (sourceKind === 'unknown') return null;
  const f2 = sourceKind === 'water-brine' ? GROUND_WATER_PUMP_CORRECTION_PCT : 0;
  return ((etaPct + CONTROLS_CORRECTION_PCT + f2) * CONVERSION_COEFFICIENT) / 100;
}
