/**
 * Sun position and irradiance on vertical windows (Duffie & Beckman, Solar Engineering of Thermal
 * Processes, 4th ed., ch. 1–2: declination (Cooper), equation of time (Spencer 1971), isotropic-sky tilt model).
 */
const DEG = Math.PI / 180;

export interface SunPosition {
  /** cos of the zenith angle (≤ 0 when the sun is below the horizon). */
  readonly cosZenith: number;
  /** Solar azimuth, radians from south, positive toward west. */
  readonly azimuthRad: number;
}

export function sunPosition(tsMs: number, latDeg: number, lonDeg: number): SunPosition {
  const dayStart = Date.UTC(new Date(tsMs).getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((tsMs - dayStart) / 86_400_000) + 1;
  const b = ((dayOfYear - 1) * 2 * Math.PI) / 365;
  const eotMin = 229.2 * (0.000075 + 0.001868 * Math.cos(b) - 0.032077 * Math.sin(b) - 0.014615 * Math.cos(2 * b) - 0.04089 * Math.sin(2 * b));
  const decl = 23.45 * DEG * Math.sin((2 * Math.PI * (284 + dayOfYear)) / 365);
  const utcHours = ((tsMs / 3_600_000) % 24 + 24) % 24;
  const solarHours = utcHours + lonDeg / 15 + eotMin / 60;
  const hourAngle = (solarHours - 12) * 15 * DEG;
  const lat = latDeg * DEG;
  const cosZenith = Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(hourAngle);
  const sinZ = Math.sqrt(Math.max(1e-9, 1 - cosZenith * cosZenith));
  const cosAz = (cosZenith * Math.sin(lat) - Math.sin(decl)) / (sinZ * Math.cos(lat));
  const az = Math.acos(Math.max(-1, Math.min(1, cosAz)));
  return { cosZenith, azimuthRad: hourAngle < 0 ? -az : az };
}

/** Irradiance [W/m²] on a vertical surface facing `surfaceAzimuthRad` (0 = south), isotropic sky, ground albedo 0.2. */
export function verticalIrradianceWm2(sun: SunPosition, dniWm2: number, dhiWm2: number, ghiWm2: number, surfaceAzimuthRad: number): number {
  const sinZ = Math.sqrt(Math.max(0, 1 - sun.cosZenith * sun.cosZenith));
  const cosIncidence = sun.cosZenith > 0 ? sinZ * Math.cos(sun.azimuthRad - surfaceAzimuthRad) : 0;
  return Math.max(0, dniWm2 * Math.max(0, cosIncidence)) + 0.5 * dhiWm2 + 0.5 * 0.2 * ghiWm2;
}
