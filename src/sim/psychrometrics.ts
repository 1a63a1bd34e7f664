/**
 * Moist-air relations used by the frost model (ASHRAE Handbook Fundamentals 2017, ch. 1;
 * Magnus-form saturation pressure after Alduchov & Eskridge 1996, over water above 0 °C and over ice below).
 */
export const STANDARD_PRESSURE_PA = 101_325;

/** Saturation vapour pressure [Pa] over water (T ≥ 0 °C) or ice (T < 0 °C). */
export function saturationPressurePa(tempC: number): number {
  return tempC >= 0 ? 610.94 * Math.exp((17.625 * tempC) / (tempC + 243.04)) : 611.21 * Math.exp((22.587 * tempC) / (tempC + 273.86));
}

/** Humidity ratio [kg water / kg dry air] of air at temperature and relative humidity (RH over water, as EPW reports it). */
export function humidityRatio(tempC: number, rhPct: number, pressurePa = STANDARD_PRESSURE_PA): number {
  const pw = (Math.max(0, Math.min(100, rhPct)) / 100) * 610.94 * Math.exp((17.625 * tempC) / (tempC + 243.04));
  return (0.621945 * pw) / (pressurePa - pw);
}

/** Humidity ratio of saturated air at a (coil) surface temperature, over ice below 0 °C. */
export function saturationHumidityRatio(tempC: number, pressurePa = STANDARD_PRESSURE_PA): number {
  const ps = saturationPressurePa(tempC);
  return (0.621945 * ps) / (pressurePa - ps);
}
