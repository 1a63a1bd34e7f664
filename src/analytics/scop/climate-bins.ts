/**
 * EN 14825 reference heating seasons: bin temperatures Tj, bin hours hj, design temperature and the
 * off-mode hours of Regulation (EU) 813/2013 for water heat pumps. Sources and the extent to which each
 * table could be checked are in docs/analytics/scop.md ("Climate data").
 */

export type ClimateName = 'average' | 'colder' | 'warmer';

export interface OffModeHours {
  /** Thermostat-off hours HTO [h]. */ thermostatOffH: number;
  /** Standby hours HSB [h]. */ standbyH: number;
  /** Crankcase-heater hours HCK [h]. */ crankcaseH: number;
  /** Off-mode hours HOFF [h]. */ offH: number;
}

export interface ClimateBins {
  name: ClimateName;
  /** Reference design temperature Tdesignh [°C]. */
  designTempC: number;
  /** Bins from Tdesignh to +15 °C in 1 K steps. */
  bins: readonly { tempC: number; hours: number }[];
  /** Equivalent active-mode hours HHE [h] (QH = Pdesignh·HHE), Regulation (EU) 811/2013 Annex VII 4(c). */
  equivalentActiveHours: number;
  /** Off-mode hours, or null where no source we could check gives them. */
  offModeHours: OffModeHours | null;
  /** Where the bin hours come from, shown next to results. */
  source: string;
}

const binsFrom = (firstTempC: number, hours: readonly number[]) =>
  hours.map((h, i) => ({ tempC: firstTempC + i, hours: h }));

export const AVERAGE_CLIMATE: ClimateBins = {
  name: 'average',
  designTempC: -10,
  bins: binsFrom(-10, [1, 25, 23, 24, 27, 68, 91, 89, 165, 173, 240, 280, 320, 357, 356, 303, 330, 326, 348, 335, 315, 215, 169, 151, 105, 74]),
  equivalentActiveHours: 2066,
  offModeHours: { thermostatOffH: 178, standbyH: 0, crankcaseH: 3850, offH: 3672 },
  source: 'EN 14825 average climate (Strasbourg); bin hours and off-mode hours as in DOMAIN.md / Regulation (EU) 813/2013',
};

/**
 * Colder (Helsinki) and warmer (Athens) bin hours: transcribed from a third-party implementation of
 * EN 14825:2018 Annex B (github.com/SharodX/keymark-heat-pumps, scripts/calculate_scop_en14825.py), not
 * from the standard's text. Checked here only by consistency: Σhj = 6,446 h / 3,590 h and
 * Σhj·pl(Tj) = 2,464.8 h / 1,335.8 h, which round to the HHE of Regulation (EU) 811/2013 (2,465 / 1,336 h).
 * Off-mode hours: two transcriptions we found disagree, so none are used (SCOP and ηs are not computed).
 */
export const COLDER_CLIMATE: ClimateBins = {
  name: 'colder',
  designTempC: -22,
  bins: binsFrom(-22, [1, 6, 13, 17, 19, 26, 39, 41, 35, 52, 37, 41, 43, 54, 90, 125, 169, 195, 278, 306, 454, 385, 490, 533, 380, 228, 261, 279, 229, 269, 233, 230, 243, 191, 146, 150, 97, 61]),
  equivalentActiveHours: 2465,
  offModeHours: null,
  source: 'EN 14825 colder climate (Helsinki); bin hours from a secondary transcription, checked against HHE 2,465 h',
};

export const WARMER_CLIMATE: ClimateBins = {
  name: 'warmer',
  designTempC: 2,
  bins: binsFrom(2, [3, 22, 63, 63, 175, 162, 259, 360, 428, 430, 503, 444, 384, 294]),
  equivalentActiveHours: 1336,
  offModeHours: null,
  source: 'EN 14825 warmer climate (Athens); bin hours from a secondary transcription, checked against HHE 1,336 h',
};

export const CLIMATES: Record<ClimateName, ClimateBins> = {
  average: AVERAGE_CLIMATE,
  colder: COLDER_CLIMATE,
  warmer: WARMER_CLIMATE,
};

/** EN 14825 part-load ratio pl(Tj) = (Tj − 16)/(Tdesignh − 16); 16 °C is the no-load temperature. */
export function partLoadRatio(tempC: number, designTempC: number): number {
  return (tempC - 16) / (designTempC - 16);
}
