/**
 * Degree-hours below a contract's guaranteed indoor temperature, measured on the twin's room air temperature
 * step by step (the same 1-minute steps the occupants' "below floor" is integrated on; contracts.md):
 *   belowKh_i += max(0, T_guarantee − T_room,i(t_end)) · Δt / 3600   for steps starting in the guaranteed hours.
 */
import type { ComfortGuarantee } from './schema.js';
import { guaranteeMask, inGuaranteedHours } from './season-days.js';

export interface GuaranteeMeter {
  /** After a step [stepStartMs, stepStartMs + stepS·1000): each household's room temperature at its end (°C). */
  observe(stepStartMs: number, stepS: number, roomC: ArrayLike<number>): void;
  /** K·h and h below the guarantee within the guaranteed hours, per household. */
  readonly belowKh: Float64Array;
  readonly belowH: Float64Array;
}

export function createGuaranteeMeter(g: ComfortGuarantee, households: number): GuaranteeMeter {
  const mask = guaranteeMask(g);
  const belowKh = new Float64Array(households), belowH = new Float64Array(households);
  return {
    belowKh, belowH,
    observe(stepStartMs, stepS, roomC) {
      if (!inGuaranteedHours(mask, stepStartMs)) return;
      const h = stepS / 3600;
      for (let i = 0; i < households; i++) {
        const short = g.indoorTempC - (roomC[i] as number);
        if (short > 0) { belowKh[i] = (belowKh[i] as number) + short * h; belowH[i] = (belowH[i] as number) + h; }
      }
    },
  };
}
