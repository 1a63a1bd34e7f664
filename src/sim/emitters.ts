/**
 * Emitters and hydronics: emitter output Q = K·(T_mean − T_room)^n (EN 442 radiators n ≈ 1.3,
 * EN 1264 floor heating n ≈ 1.1, fan coils and air units ≈ 1.0), the water/screed capacity of the
 * circuit, design flow and circulation-pump electricity. See emitters.md.
 */
import type { SimEmitter } from './household.js';

export const WATER_CP_J_PER_KGK = 4186;

export interface EmitterProps {
  readonly exponent: number;
  /** Heat capacity of the emitter/water node: per m² of heated floor (screed) and per kW of design output (water + metal). */
  readonly jPerM2K: number;
  readonly jPerKwK: number;
  /** Water in pipes, manifold and the unit's plate exchanger, kg. */
  readonly fixedWaterKg: number;
}

export const EMITTERS: Record<SimEmitter, EmitterProps> = {
  // 50 mm screed, 2000 kg/m³ × 1000 J/(kgK) ≈ 100 kJ/(m²K), ~80 % of the floor covered by loops.
  floor: { exponent: 1.1, jPerM2K: 80_000, jPerKwK: 0, fixedWaterKg: 40 },
  // Steel panel / cast-iron radiators: ~12 kg water-equivalent (water + metal) per kW at the heat-pump design point.
  radiator: { exponent: 1.3, jPerM2K: 0, jPerKwK: 12 * WATER_CP_J_PER_KGK, fixedWaterKg: 30 },
  'fan-coil': { exponent: 1.0, jPerM2K: 0, jPerKwK: 3 * WATER_CP_J_PER_KGK, fixedWaterKg: 30 },
  // Air-to-air: the indoor coil and casing; "water" temperature stands for the condensing-side coil.
  air: { exponent: 1.0, jPerM2K: 0, jPerKwK: 3 * WATER_CP_J_PER_KGK, fixedWaterKg: 5 },
};

/** Emitter constant K (W/K^n) that delivers `designLoadW` at the design mean water temperature and room design temperature. */
export function emitterConstant(emitter: SimEmitter, designLoadW: number, designFlowC: number, designDeltaTK: number, roomC: number): number {
  const excess = designFlowC - designDeltaTK / 2 - roomC;
  if (!(excess > 0)) throw new Error(`hydronics.designFlowTempC: ${designFlowC} °C leaves no temperature excess over the room (${roomC} °C)`);
  return designLoadW / Math.pow(excess, EMITTERS[emitter].exponent);
}

/** Emitter output (W) for a mean water temperature and room temperature; linear when the water is colder than the room. */
export function emitterOutputW(kWPerKn: number, exponent: number, waterC: number, roomC: number): number {
  const dt = waterC - roomC;
  return dt > 0 ? kWPerKn * Math.pow(dt, exponent) : kWPerKn * dt;
}

export function emitterCapacityJK(emitter: SimEmitter, heatedAreaM2: number, designLoadW: number): number {
  const p = EMITTERS[emitter];
  return p.jPerM2K * heatedAreaM2 + (p.jPerKwK * designLoadW) / 1000 + p.fixedWaterKg * WATER_CP_J_PER_KGK;
}
