/**
 * The twin's 2R2C building (air node C_i, envelope node C_e) reduced for the planner by eliminating the fast
 * air node quasi-statically (singular perturbation): the state is the envelope temperature T_e, and the air
 * follows it within minutes. Written in the 1R1C form of HouseholdProblem (heat unscaled, so COP and the
 * backup heater keep their meaning), with comfort bounds on the air turned into bounds on T_e. See envelope-model.md.
 */
import type { BuildingThermal } from '../sim/index.js';

export interface EnvelopeModel {
  /** Share of heat delivered to the air that reaches the envelope, κ = H_i / (H_i + H_d). */
  readonly kappa: number;
  /** 1R1C loss coefficient of the planner's state: (H_e + κ H_d) / κ (W/K). */
  readonly heatLossWK: number;
  /** 1R1C capacity of the planner's state: (C_e + κ C_i) / κ (J/K) — the air's heat rides on the envelope's. */
  readonly capacityJK: number;
  readonly hDirectWK: number;
  readonly hInteriorWK: number;
}

export function envelopeModel(th: BuildingThermal): EnvelopeModel {
  const hi = th.hInteriorWK, hd = th.hDirectWK, he = th.hEnvelopeWK;
  if (!(hi > 0 && hd >= 0 && he > 0 && th.ceJK > 0)) throw new Error(`building: conductances H_i ${hi}, H_d ${hd}, H_e ${he} W/K and C_e ${th.ceJK} J/K must be positive`);
  const kappa = hi / (hi + hd);
  return { kappa, heatLossWK: (he + kappa * hd) / kappa, capacityJK: (th.ceJK + kappa * th.ciJK) / kappa, hDirectWK: hd, hInteriorWK: hi };
}

/**
 * Free gains in the planner's units (W): the air node's gains G_i (internal + half the solar) plus the envelope's
 * (half the solar) divided by κ, so that heat and gains enter the same way: C dT_e/dt = Q + G − H (T_e − T_o).
 */
export const envelopeGainsW = (m: EnvelopeModel, internalW: number, solarW: number): number => internalW + 0.5 * solarW + (0.5 * solarW) / m.kappa;

/** Quasi-static air temperature for envelope temperature `envelopeC` and heat `heatW` delivered to the air (°C). */
export function airC(m: EnvelopeModel, envelopeC: number, heatW: number, outdoorC: number, internalW: number, solarW: number): number {
  return (heatW + internalW + 0.5 * solarW + m.hDirectWK * outdoorC + m.hInteriorWK * envelopeC) / (m.hInteriorWK + m.hDirectWK);
}

/** Envelope temperature at which the air is at `airTempC` with heat `heatW` delivered to it (inverse of airC). */
export function envelopeForAirC(m: EnvelopeModel, airTempC: number, heatW: number, outdoorC: number, internalW: number, solarW: number): number {
  return ((m.hInteriorWK + m.hDirectWK) * airTempC - heatW - internalW - 0.5 * solarW - m.hDirectWK * outdoorC) / m.hInteriorWK;
}

/**
 * Heat (W) to the air that holds it at `airTempC` with both nodes settled: the envelope then sits at
 * T_e = (H_i T_i + ½Q_sol + H_e T_o)/(H_i + H_e), and the heat balances the air node.
 */
export function steadyHeatForAirW(th: BuildingThermal, airTempC: number, outdoorC: number, internalW: number, solarW: number): number {
  const te = (th.hInteriorWK * airTempC + 0.5 * solarW + th.hEnvelopeWK * outdoorC) / (th.hInteriorWK + th.hEnvelopeWK);
  return th.hDirectWK * (airTempC - outdoorC) + th.hInteriorWK * (airTempC - te) - internalW - 0.5 * solarW;
}
