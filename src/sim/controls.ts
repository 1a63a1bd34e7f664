/**
 * Controls of a household unit: occupant schedule, room thermostat with hysteresis, weather-compensated
 * heating curve, compressor anti-short-cycle timers, backup-heater staging, SG-Ready-like run
 * permission and loss-of-contact behaviour. See controls.md.
 */
import { DESIGN_INDOOR_C, DESIGN_OUTDOOR_C } from './building-model.js';

/** Compressor protection: minimum run and minimum off time (s); typical scroll-compressor controllers use 3 and 5 min. */
export const MIN_ON_S = 180;
export const MIN_OFF_S = 300;
/** Water-temperature band of on/off control around the target mean water temperature (K). */
export const WATER_BAND_K = 2.5;
/** Start-up: capacity approaches steady state with this time constant (s) after each start (cyclic losses, cf. EN 14825 Cdh). */
export const STARTUP_TAU_S = 60;
/** Inverter: the controller closes the gap between mean water target and actual over this time (s). */
export const INVERTER_TAU_S = 600;
/** Backup heater: staged on after the unit has run at full capacity this long with the water this far below target. */
export const BACKUP_DELAY_S = 1800;
export const BACKUP_DEFICIT_K = 5;
/** SG-Ready-like lock is bounded in time (DOMAIN.md: "a lock is bounded in time"); boost raises the room setpoint. */
export const MAX_LOCK_S = 2 * 3600;
export const BOOST_K = 2;
/** After losing contact a unit keeps the last platform setpoint this long, then returns to its local schedule. */
export const LOST_CONTACT_HOLD_S = 24 * 3600;
/** Inverter compressor frequency range (Hz) mapped linearly onto the modulation range. */
export const HZ_MIN = 30;
export const HZ_MAX = 90;

export const SG_STATES = { normal: 0, lock: 1, boost: 2 } as const;
export type SgState = keyof typeof SG_STATES;

/** Scheduled room setpoint at a local hour (night setback between nightFromH and nightToH, wrapping midnight). */
export function scheduledSetpointC(localHour: number, dayC: number, nightC: number, nightFromH: number, nightToH: number): number {
  const night = nightFromH <= nightToH ? localHour >= nightFromH && localHour < nightToH : localHour >= nightFromH || localHour < nightToH;
  return night ? nightC : dayC;
}

/**
 * Weather-compensated flow temperature: the emitter needs mean water excess ΔT_m,d·φ^(1/n) with
 * φ = (T_set − T_out)/(T_in,d − T_out,d), plus half the design ΔT scaled by φ (EN 12831 / EN 442 inversion).
 */
export function heatingCurveFlowC(outdoorC: number, setpointC: number, designFlowC: number, designDeltaTK: number, exponent: number): number {
  const phi = Math.max(0, (setpointC - outdoorC) / (DESIGN_INDOOR_C - DESIGN_OUTDOOR_C));
  const excessDesign = designFlowC - designDeltaTK / 2 - DESIGN_INDOOR_C;
  return setpointC + excessDesign * Math.pow(phi, 1 / exponent) + (designDeltaTK / 2) * phi;
}
