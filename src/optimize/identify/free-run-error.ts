/**
 * Free-run (output) error of given 1R1C parameters on telemetry, with the same restarts as the output-error fit
 * (identify-rc.md, "Output error"): the model runs from the measured room at the start of every horizon (a planning
 * day) driven by the measured outdoor temperature, heat and irradiance; the error is the RMS of the free run against
 * the measured room at every slot end. Used to compare the registered model with a fitted one on the same data.
 */
import { steps } from './identify-rc-output-error.js';
import type { RcSample } from './identify-rc.js';

export interface RoomParameters {
  readonly heatLossWK: number;
  readonly capacityJK: number;
  readonly gainsW: number;
  readonly solarApertureM2?: number;
}

export interface FreeRunError {
  /** Slot ends compared. */
  readonly pairs: number;
  /** RMS error of the free run (K); null without a single usable slot pair. */
  readonly rmseK: number | null;
}

export function freeRunError(samples: readonly RcSample[], m: RoomParameters, o: { readonly stepS: number; readonly horizonSlots?: number }): FreeRunError {
  if (!(o.stepS > 0)) throw new Error(`free-run error: stepS ${o.stepS} must be positive`);
  if (!(m.heatLossWK > 0 && m.capacityJK > 0)) throw new Error(`free-run error: heat loss ${m.heatLossWK} W/K and capacity ${m.capacityJK} J/K must be positive`);
  const s = [...samples].sort((x, y) => x.tsMs - y.tsMs);
  const horizon = o.horizonSlots ?? Math.round(86_400 / o.stepS);
  const a = Math.exp((-m.heatLossWK * o.stepS) / m.capacityJK), b = (1 - a) / m.heatLossWK;
  let t = 0, sse = 0, pairs = 0;
  for (const step of steps(s, o.stepS * 1000, horizon)) {
    const x = s[step.j] as RcSample, y = s[step.j + 1] as RcSample;
    if (step.start) t = x.indoorC as number;
    t = a * t + (1 - a) * (x.outdoorC as number) + b * ((x.heatW as number) + m.gainsW + (m.solarApertureM2 ?? 0) * (x.solarWm2 ?? 0));
    sse += (t - (y.indoorC as number)) ** 2;
    pairs++;
  }
  return { pairs, rmseK: pairs > 0 ? Math.sqrt(sse / pairs) : null };
}
