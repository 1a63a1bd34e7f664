/**
 * Output-error (simulation-error) identification of the 1R1C room model (identify-rc.md, "Output error"): the model is
 * run free from the measured room temperature at the start of every horizon (a planning day) and its parameters are
 * those whose free runs best match the measured room over the horizon — what a day-ahead plan needs of its model.
 * For a fixed a = exp(−Δt/τ) the free run is linear in θ = [b, bG, bA], so θ is a (ridge) least-squares fit and a is
 * found by a search over a grid of time constants.
 */
import { leastSquares } from './linear-least-squares.js';
import type { RcFit, RcIdentification, RcPrior, RcSample } from './identify-rc.js';

export interface RcOutputErrorOptions {
  readonly stepS: number;
  /** Free runs restart from the measured room every this many slots (slot indices tsMs/stepS ≡ 0); default one day. */
  readonly horizonSlots?: number;
  /** Fewer usable slot pairs → the prior (default: three days of slots). */
  readonly minPairs?: number;
  readonly prior?: RcPrior;
  /** Time constants tried (h); default 48 values log-spaced over 1…400 h. */
  readonly tauGridH?: readonly number[];
}

const DEFAULT_TAU_GRID_H = Array.from({ length: 48 }, (_, i) => 10 ** (Math.log10(400) * (i / 47)));

export interface Step { readonly j: number; readonly start: boolean }

/** Slot steps j → j+1 with every input present and the next slot consecutive; `start` where a free run restarts. */
export function steps(s: readonly RcSample[], stepMs: number, horizonSlots: number): Step[] {
  const out: Step[] = [];
  let prev = -2;
  for (let j = 0; j + 1 < s.length; j++) {
    const x = s[j] as RcSample, y = s[j + 1] as RcSample;
    if (y.tsMs - x.tsMs !== stepMs || x.indoorC === null || y.indoorC === null || x.outdoorC === null || x.heatW === null) continue;
    const slotIndex = Math.round(x.tsMs / stepMs);
    out.push({ j, start: j !== prev + 1 || ((slotIndex % horizonSlots) + horizonSlots) % horizonSlots === 0 });
    prev = j;
  }
  return out;
}

const NONE: Omit<RcIdentification, 'status' | 'fit' | 'reasons'> = { heatLossWK: null, capacityJK: null, timeConstantH: null, gainsW: null, solarApertureM2: null };

export function identifyRcOutputError(samples: readonly RcSample[], o: RcOutputErrorOptions): RcIdentification {
  if (!(o.stepS > 0)) throw new Error(`identify: stepS ${o.stepS} must be positive`);
  const slotsPerDay = 86_400 / o.stepS;
  const horizon = o.horizonSlots ?? Math.round(slotsPerDay);
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new Error(`identify: horizonSlots ${horizon} must be a whole number ≥ 1`);
  const minPairs = o.minPairs ?? Math.round(3 * slotsPerDay);
  const s = [...samples].sort((x, y) => x.tsMs - y.tsMs);
  // An irradiance column that is zero throughout (night-only data, a feed without sun) carries no information.
  const withSolar = s.some((x) => x.solarWm2 !== null && x.solarWm2 !== undefined && x.solarWm2 !== 0);
  const st = steps(s, o.stepS * 1000, horizon).filter((p) => !withSolar || ((s[p.j] as RcSample).solarWm2 ?? null) !== null);
  const days = st.length / slotsPerDay;
  const base: RcFit = { pairs: st.length, days, oneStepRmseK: null, simulatedRmseK: null, r2: null, heatLossSeWK: null, priorSharePct: null };
  if (st.length < minPairs) {
    const reasons = [`${st.length} usable slot pairs (indoor, outdoor and heat all present), fewer than the ${minPairs} needed`];
    if (!o.prior) return { status: 'insufficient-data', ...NONE, fit: base, reasons };
    const p = o.prior;
    return { status: 'prior-only', heatLossWK: p.heatLossWK, capacityJK: p.capacityJK, timeConstantH: p.capacityJK / p.heatLossWK / 3600, gainsW: p.gainsW, solarApertureM2: withSolar ? (p.solarApertureM2 ?? 0) : null, fit: { ...base, priorSharePct: 100 }, reasons };
  }
  const p = withSolar ? 3 : 2;
  const w = o.prior?.weightSlots ?? 2 * slotsPerDay;
  let best: { sse: number; tauH: number; theta: Float64Array; priorShare: number } | null = null;
  for (const tauH of o.tauGridH ?? DEFAULT_TAU_GRID_H) {
    const a = Math.exp(-o.stepS / (tauH * 3600));
    // Free run = h (from the measured start and the outdoor drive) + b·q + bG·g + bA·r, each a filtered input.
    const rows: Float64Array[] = [], y = new Float64Array(st.length);
    let h = 0, q = 0, g = 0, r = 0;
    st.forEach((step, n) => {
      const x = s[step.j] as RcSample;
      if (step.start) { h = x.indoorC as number; q = 0; g = 0; r = 0; }
      h = a * h + (1 - a) * (x.outdoorC as number);
      q = a * q + (x.heatW as number) / 1000;
      g = a * g + 1;
      r = a * r + (withSolar ? (x.solarWm2 as number) / 1000 : 0);
      rows.push(withSolar ? Float64Array.of(q, g, r) : Float64Array.of(q, g));
      y[n] = ((s[step.j + 1] as RcSample).indoorC as number) - h;
    });
    let prior: { precision: Float64Array; mean: Float64Array } | undefined;
    let dataInfo = 0, priorInfo = 0;
    if (o.prior) {
      const bp = (1 - a) / o.prior.heatLossWK;
      const mean = withSolar ? Float64Array.of(bp * 1000, bp * o.prior.gainsW, bp * (o.prior.solarApertureM2 ?? 0) * 1000) : Float64Array.of(bp * 1000, bp * o.prior.gainsW);
      const precision = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        const m2 = rows.reduce((acc, x) => acc + (x[i] as number) ** 2, 0) / rows.length;
        precision[i] = w * m2; dataInfo += rows.length * m2; priorInfo += w * m2;
      }
      prior = { precision, mean };
    }
    let fit;
    try { fit = leastSquares(rows, y, prior); } catch { continue; }
    if (!((fit.theta[0] as number) > 0)) continue;
    if (!best || fit.residualSumSquares < best.sse) best = { sse: fit.residualSumSquares, tauH, theta: fit.theta, priorShare: prior ? (100 * priorInfo) / (priorInfo + dataInfo) : 0 };
  }
  if (!best) return { status: 'not-identifiable', ...NONE, fit: base, reasons: ['no time constant on the grid gave a positive response to heat: the room does not respond to heat in these data'] };
  const a = Math.exp(-o.stepS / (best.tauH * 3600));
  const b = (best.theta[0] as number) / 1000;
  const heatLossWK = (1 - a) / b;
  const gainsW = (best.theta[1] as number) / b, solarApertureM2 = withSolar ? (best.theta[2] as number) / 1000 / b : null;
  // One-step error of the same parameters (restart from every measurement), for comparison with the equation-error fit.
  let sse1 = 0;
  for (const step of st) {
    const x = s[step.j] as RcSample;
    const pred = a * (x.indoorC as number) + (1 - a) * (x.outdoorC as number) + b * ((x.heatW as number) + gainsW + (solarApertureM2 ?? 0) * (withSolar ? (x.solarWm2 as number) : 0));
    sse1 += (pred - ((s[step.j + 1] as RcSample).indoorC as number)) ** 2;
  }
  return {
    status: 'identified', heatLossWK, capacityJK: best.tauH * 3600 * heatLossWK, timeConstantH: best.tauH, gainsW, solarApertureM2,
    fit: { ...base, oneStepRmseK: Math.sqrt(sse1 / st.length), simulatedRmseK: Math.sqrt(best.sse / st.length), priorSharePct: best.priorShare }, reasons: [],
  };
}
