/**
 * Grey-box building model: two thermal capacities (interior Ci, envelope mass Ce) and three
 * conductances, a 2R2C "TiTe" model (Bacher & Madsen 2011) parameterised from ISO 13790:2008 5R1C
 * constants and element U-values for northern-China rural houses. See building-model.md.
 */
import type { BuildingParams, EnvelopeClass, MassClass } from './household.js';

/** ISO 13790:2008 Table 12: effective mass area A_m / A_f and internal heat capacity C_m / A_f (J/(m²K)). */
export const ISO13790_MASS: Record<MassClass, { amRatio: number; cmJPerM2K: number }> = {
  'very-light': { amRatio: 2.5, cmJPerM2K: 80_000 },
  light: { amRatio: 2.5, cmJPerM2K: 110_000 },
  medium: { amRatio: 2.5, cmJPerM2K: 165_000 },
  heavy: { amRatio: 3.0, cmJPerM2K: 260_000 },
  'very-heavy': { amRatio: 3.5, cmJPerM2K: 370_000 },
};
/** ISO 13790 heat-transfer coefficient between mass and surface nodes, W/(m²K). */
export const H_MS_W_M2K = 9.1;
/** Volumetric heat capacity of air, W·h/(m³K) → J/(m³K): 1.2 kg/m³ × 1005 J/(kgK). */
export const AIR_J_PER_M3K = 1206;
/** Furniture and interior linings coupled to room air (ISO 52016-1 default 10 kJ/(m²K)). */
export const FURNITURE_J_PER_M2K = 10_000;
/** Heat-loss factor of unheated rooms seen from the heated zone (ISO 13789 b-factor, typical 0.4–0.8). */
export const UNHEATED_ROOM_B = 0.5;
/** Window frame fraction and external shading factor (ISO 13790 defaults F_F = 0.3; F_sh assumed 0.7 for rural courtyards). */
export const WINDOW_GLAZED_FRACTION = 0.7;
export const WINDOW_SHADING = 0.7;
/** Beijing outdoor design temperature for heating (GB 50736-2012) and indoor design temperature. */
export const DESIGN_OUTDOOR_C = -7.6;
export const DESIGN_INDOOR_C = 18;

export interface EnvelopeTemplate { wallU: number; windowU: number; roofU: number; floorU: number; ach: number }
/** Central U-values (W/m²K) and air change rates per envelope class; sources in building-model.md. */
export const ENVELOPE_TEMPLATES: Record<EnvelopeClass, EnvelopeTemplate> = {
  uninsulated: { wallU: 1.6, windowU: 3.5, roofU: 1.2, floorU: 0.35, ach: 0.8 },
  'partially-insulated': { wallU: 1.0, windowU: 3.0, roofU: 0.8, floorU: 0.3, ach: 0.7 },
  retrofitted: { wallU: 0.55, windowU: 2.6, roofU: 0.45, floorU: 0.3, ach: 0.6 },
  'energy-efficient': { wallU: 0.35, windowU: 1.8, roofU: 0.3, floorU: 0.25, ach: 0.5 },
};

export interface BuildingThermal {
  /** Room node to outdoor directly: windows + ventilation (W/K). */
  hDirectWK: number;
  /** Room node to envelope-mass node (W/K), ISO 13790 H_tr,ms. */
  hInteriorWK: number;
  /** Envelope-mass node to outdoor (W/K), ISO 13790 H_tr,em. */
  hEnvelopeWK: number;
  ciJK: number;
  ceJK: number;
  /** Effective solar apertures (m²) of south- and north-facing glazing. */
  solarSouthM2: number;
  solarNorthM2: number;
  internalGainsW: number;
  /** Overall steady-state heat-loss coefficient H = H_d + (1/H_i + 1/H_e)^-1 (W/K). */
  totalHWK: number;
}

export function buildingThermal(areaM2: number, storeys: number, b: BuildingParams): BuildingThermal {
  if (!(areaM2 > 0)) throw new Error(`areaM2: ${areaM2} must be positive`);
  const footprint = areaM2 / storeys;
  // Rectangular plan, 2:1 aspect (rural courtyard houses are long east–west, main facade south).
  const lengthM = Math.sqrt(2 * footprint);
  const widthM = footprint / lengthM;
  const grossWallM2 = 2 * (lengthM + widthM) * b.ceilingHeightM * storeys;
  const windowM2 = b.windowWallRatio * grossWallM2;
  const hOpaque = b.wallU * (grossWallM2 - windowM2) + b.roofU * footprint + b.floorU * footprint;
  const hWindow = b.windowU * windowM2;
  const hVent = (AIR_J_PER_M3K / 3600) * b.ach * areaM2 * b.ceilingHeightM;
  const zone = b.heatedFraction + (1 - b.heatedFraction) * UNHEATED_ROOM_B;
  const mass = ISO13790_MASS[b.thermalMass];
  const hInterior = H_MS_W_M2K * mass.amRatio * areaM2 * zone;
  const hOp = hOpaque * zone;
  // ISO 13790 eq. (64): H_tr,em = 1 / (1/H_tr,op − 1/H_tr,ms); guarded for extreme inputs.
  const hEnvelope = hOp < 0.95 * hInterior ? 1 / (1 / hOp - 1 / hInterior) : hOp * 20;
  const aperture = windowM2 * b.gWindow * WINDOW_GLAZED_FRACTION * WINDOW_SHADING * zone;
  const hDirect = (hWindow + hVent) * zone;
  return {
    hDirectWK: hDirect,
    hInteriorWK: hInterior,
    hEnvelopeWK: hEnvelope,
    ciJK: (AIR_J_PER_M3K * b.ceilingHeightM + FURNITURE_J_PER_M2K) * areaM2 * zone,
    ceJK: mass.cmJPerM2K * areaM2 * zone,
    solarSouthM2: aperture * b.southWindowShare,
    solarNorthM2: aperture * (1 - b.southWindowShare),
    internalGainsW: b.internalGainsWm2 * areaM2,
    totalHWK: hDirect + 1 / (1 / hInterior + 1 / hEnvelope),
  };
}

/** Design heat load (W) at the outdoor design temperature, without gains. */
export const designLoadW = (t: BuildingThermal): number => t.totalHWK * (DESIGN_INDOOR_C - DESIGN_OUTDOOR_C);

/** The two time constants (hours, slow first) of the free-floating building: eigenvalues of the 2×2 system. */
export function timeConstantsH(t: BuildingThermal): [number, number] {
  const a11 = -(t.hDirectWK + t.hInteriorWK) / t.ciJK;
  const a12 = t.hInteriorWK / t.ciJK;
  const a21 = t.hInteriorWK / t.ceJK;
  const a22 = -(t.hInteriorWK + t.hEnvelopeWK) / t.ceJK;
  const tr = a11 + a22;
  const det = a11 * a22 - a12 * a21;
  const disc = Math.sqrt(tr * tr - 4 * det);
  const slow = (tr + disc) / 2;
  const fast = (tr - disc) / 2;
  return [-1 / slow / 3600, -1 / fast / 3600];
}
