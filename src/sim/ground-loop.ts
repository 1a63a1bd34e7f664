/**
 * Ground-source loop: one vertical borehole as a borehole thermal resistance R_b plus a lumped
 * near-field ground node (capacity C_g, resistance R_g to undisturbed ground). Simpler than
 * Eskilson's g-functions but gives the two responses that matter: brine a few K below the ground while
 * running, and a slow seasonal drawdown. See ground-loop.md.
 */
/** Per metre of borehole: grouted single U-tube R_b (m·K/W, 0.08–0.15 typical), ground conductivity 1.8 W/(mK), ρc 2.2 MJ/(m³K). */
export const BOREHOLE_R_MK_PER_W = 0.1;
export const GROUND_K_W_PER_MK = 1.8;
export const GROUND_RHO_C_J_PER_M3K = 2.2e6;
/** Lumped near-field cylinder radius and borehole radius (m). */
export const NEAR_FIELD_RADIUS_M = 1.5;
export const BOREHOLE_RADIUS_M = 0.075;

export interface GroundLoopParams { ground: { cJPerK: number; rKPerW: number }; boreholeRKPerW: number }

export function groundLoopParams(boreholeM: number): GroundLoopParams {
  if (!(boreholeM > 0)) throw new Error(`boreholeM: ${boreholeM} must be positive`);
  const cPerM = Math.PI * NEAR_FIELD_RADIUS_M ** 2 * GROUND_RHO_C_J_PER_M3K;
  const rPerM = Math.log(NEAR_FIELD_RADIUS_M / BOREHOLE_RADIUS_M) / (2 * Math.PI * GROUND_K_W_PER_MK);
  return { ground: { cJPerK: cPerM * boreholeM, rKPerW: rPerM / boreholeM }, boreholeRKPerW: BOREHOLE_R_MK_PER_W / boreholeM };
}

/** Undisturbed ground temperature: mean of the EPW's deepest monthly ground temperatures, else annual mean air + 1.5 K. */
export function undisturbedGroundC(groundTempC: readonly number[] | null, annualMeanAirC: number): number {
  if (groundTempC && groundTempC.length === 12) return groundTempC.reduce((s, v) => s + v, 0) / 12;
  return annualMeanAirC + 1.5;
}

/** Sewage / reclaimed-water source temperature in the heating season (Beijing municipal sewage ≈ 12–16 °C). */
export const WATER_SOURCE_C = 14;
