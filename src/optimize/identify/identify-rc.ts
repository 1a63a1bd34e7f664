/**
 * Grey-box identification of a household's 1R1C room model from its own telemetry (identify-rc.md):
 * T_{k+1} − T_k = (1 − a)(T_out,k − T_k) + b Q_k + b G + b A_sol I_k, fitted by least squares with the twin's
 * parameters as a Gaussian prior, reported with its goodness of fit.
 */
import { leastSquares } from './linear-least-squares.js';

/** One slot of telemetry on a regular grid (averages over the slot): room, outdoor, heat delivered, optional solar. */
export interface RcSample {
  readonly tsMs: number;
  readonly indoorC: number | null;
  readonly outdoorC: number | null;
  /** Heat delivered to the house in the slot (W), heat pump plus backup heater. */
  readonly heatW: number | null;
  /** Global horizontal (or south-facade) irradiance (W/m²), when a weather feed supplies it. */
  readonly solarWm2?: number | null;
}

/** The twin's (registered) parameters: used as the prior and as the fallback when data are short. */
export interface RcPrior {
  readonly heatLossWK: number;
  readonly capacityJK: number;
  readonly gainsW: number;
  /** Effective solar aperture (m²) for the irradiance column, when irradiance is given; default 0. */
  readonly solarApertureM2?: number;
  /** How many slots of data the prior is worth in each parameter direction (default: 2 days of slots). */
  readonly weightSlots?: number;
}

export interface RcIdentifyOptions {
  readonly stepS: number;
  /** Fewer usable slot pairs than this → the prior is returned (default: 3 days of slots). */
  readonly minPairs?: number;
  readonly prior?: RcPrior;
}

export type RcStatus = 'identified' | 'prior-only' | 'insufficient-data' | 'not-identifiable';

export interface RcFit {
  /** Slot pairs (k, k+1) with every input present that entered the fit. */
  readonly pairs: number;
  readonly days: number;
  /** RMS error of the one-slot-ahead prediction of the room temperature (K). */
  readonly oneStepRmseK: number | null;
  /** RMS error of a free run over each contiguous stretch, driven only by measured outdoor temperature and heat (K). */
  readonly simulatedRmseK: number | null;
  /** Share of the variance of the slot-to-slot temperature change explained (0–1). */
  readonly r2: number | null;
  /** Standard error of the heat-loss coefficient (W/K), delta method. */
  readonly heatLossSeWK: number | null;
  /** Share of the fit's information that came from the prior (0 = data only, 1 = prior only). */
  readonly priorSharePct: number | null;
}

export interface RcIdentification {
  readonly status: RcStatus;
  readonly heatLossWK: number | null;
  readonly capacityJK: number | null;
  readonly timeConstantH: number | null;
  /** Constant free gains (W): internal gains plus mean solar when no irradiance is given. */
  readonly gainsW: number | null;
  /** Effective solar aperture (m²), when irradiance was given. */
  readonly solarApertureM2: number | null;
  readonly fit: RcFit;
  readonly reasons: readonly string[];
}

const NO_FIT: RcFit = { pairs: 0, days: 0, oneStepRmseK: null, simulatedRmseK: null, r2: null, heatLossSeWK: null, priorSharePct: null };

interface Pair { readonly k: number; readonly x: Float64Array; readonly dy: number }

function usablePairs(samples: readonly RcSample[], stepMs: number, withSolar: boolean): Pair[] {
  const pairs: Pair[] = [];
  for (let k = 0; k + 1 < samples.length; k++) {
    const s = samples[k] as RcSample, n = samples[k + 1] as RcSample;
    if (n.tsMs - s.tsMs !== stepMs) continue;
    if (s.indoorC === null || n.indoorC === null || s.outdoorC === null || s.heatW === null) continue;
    if (withSolar && (s.solarWm2 === null || s.solarWm2 === undefined)) continue;
    const x = withSolar
      ? Float64Array.of(s.outdoorC - s.indoorC, s.heatW / 1000, 1, (s.solarWm2 as number) / 1000)
      : Float64Array.of(s.outdoorC - s.indoorC, s.heatW / 1000, 1);
    pairs.push({ k, x, dy: n.indoorC - s.indoorC });
  }
  return pairs;
}

/** θ = [1 − a, b·1000, b·G(, b·A·1000)] from physical parameters (b in K per W held one slot). */
function thetaOf(heatLossWK: number, capacityJK: number, gainsW: number, stepS: number, withSolar: boolean, solarApertureM2 = 0): Float64Array {
  const a = Math.exp((-heatLossWK * stepS) / capacityJK);
  const b = (1 - a) / heatLossWK;
  return withSolar ? Float64Array.of(1 - a, b * 1000, b * gainsW, b * solarApertureM2 * 1000) : Float64Array.of(1 - a, b * 1000, b * gainsW);
}

function physical(theta: Float64Array, stepS: number) {
  const oneMinusA = theta[0] as number, b = (theta[1] as number) / 1000;
  if (!(oneMinusA > 0 && oneMinusA < 1) || !(b > 0)) return null;
  const heatLossWK = oneMinusA / b;
  const capacityJK = (-heatLossWK * stepS) / Math.log(1 - oneMinusA);
  return {
    heatLossWK, capacityJK, timeConstantH: capacityJK / heatLossWK / 3600, gainsW: (theta[2] as number) / b,
    solarApertureM2: theta.length > 3 ? (theta[3] as number) / 1000 / b : null,
  };
}

/** Free run of the fitted model over each contiguous stretch of usable pairs; RMS error against the measured room. */
function simulatedRmse(samples: readonly RcSample[], pairs: readonly Pair[], theta: Float64Array): number | null {
  let sse = 0, n = 0, tHat = 0, prevK = -2;
  for (const p of pairs) {
    const s = samples[p.k] as RcSample;
    if (p.k !== prevK + 1) tHat = s.indoorC as number;
    const x = Float64Array.from(p.x);
    x[0] = (s.outdoorC as number) - tHat;
    let d = 0;
    for (let i = 0; i < x.length; i++) d += (x[i] as number) * (theta[i] as number);
    tHat += d;
    sse += (tHat - ((samples[p.k + 1] as RcSample).indoorC as number)) ** 2;
    n++;
    prevK = p.k;
  }
  return n > 0 ? Math.sqrt(sse / n) : null;
}

export function identifyRcModel(samples: readonly RcSample[], o: RcIdentifyOptions): RcIdentification {
  if (!(o.stepS > 0)) throw new Error(`identify: stepS ${o.stepS} must be positive`);
  const slotsPerDay = 86_400 / o.stepS;
  const minPairs = o.minPairs ?? Math.round(3 * slotsPerDay);
  const ordered = [...samples].sort((x, y) => x.tsMs - y.tsMs);
  const withSolar = ordered.some((s) => s.solarWm2 !== null && s.solarWm2 !== undefined);
  const pairs = usablePairs(ordered, o.stepS * 1000, withSolar);
  const priorTheta = o.prior ? thetaOf(o.prior.heatLossWK, o.prior.capacityJK, o.prior.gainsW, o.stepS, withSolar, o.prior.solarApertureM2) : null;
  const reasons: string[] = [];
  const days = pairs.length / slotsPerDay;
  if (pairs.length < minPairs) {
    reasons.push(`${pairs.length} usable slot pairs (indoor, outdoor and heat all present), fewer than the ${minPairs} needed`);
    if (!o.prior || !priorTheta) return { status: 'insufficient-data', heatLossWK: null, capacityJK: null, timeConstantH: null, gainsW: null, solarApertureM2: null, fit: { ...NO_FIT, pairs: pairs.length, days }, reasons };
    const ph = physical(priorTheta, o.stepS);
    return {
      status: 'prior-only', heatLossWK: o.prior.heatLossWK, capacityJK: o.prior.capacityJK, timeConstantH: ph?.timeConstantH ?? null, gainsW: o.prior.gainsW, solarApertureM2: withSolar ? (o.prior.solarApertureM2 ?? 0) : null,
      fit: { ...NO_FIT, pairs: pairs.length, days, simulatedRmseK: simulatedRmse(ordered, pairs, priorTheta), priorSharePct: 100 }, reasons,
    };
  }
  const rows = pairs.map((p) => p.x);
  const dy = pairs.map((p) => p.dy);
  const p = rows[0]?.length ?? 0;
  let prior: { precision: Float64Array; mean: Float64Array } | undefined;
  let dataInfo = 0, priorInfo = 0;
  if (priorTheta && o.prior) {
    const w = o.prior.weightSlots ?? 2 * slotsPerDay;
    const precision = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      const m2 = rows.reduce((s, x) => s + (x[i] as number) ** 2, 0) / rows.length;
      precision[i] = w * m2;
      dataInfo += rows.length * m2;
      priorInfo += precision[i] as number;
    }
    prior = { precision, mean: priorTheta };
  }
  let fit;
  try {
    fit = leastSquares(rows, dy, prior);
  } catch (e) {
    reasons.push((e as Error).message);
    return { status: 'not-identifiable', heatLossWK: null, capacityJK: null, timeConstantH: null, gainsW: null, solarApertureM2: null, fit: { ...NO_FIT, pairs: pairs.length, days }, reasons };
  }
  const phys = physical(fit.theta, o.stepS);
  const meanDy = dy.reduce((s, v) => s + v, 0) / dy.length;
  const tss = dy.reduce((s, v) => s + (v - meanDy) ** 2, 0);
  const sigma2 = fit.residualSumSquares / Math.max(1, fit.n - p);
  const t0 = fit.theta[0] as number, t1 = fit.theta[1] as number;
  const g = new Float64Array(p);
  g[0] = 1000 / t1;
  g[1] = (-1000 * t0) / (t1 * t1);
  let v = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) v += (g[i] as number) * (fit.inverse[i * p + j] as number) * (g[j] as number);
  const fitReport: RcFit = {
    pairs: pairs.length, days,
    oneStepRmseK: Math.sqrt(fit.residualSumSquares / fit.n),
    simulatedRmseK: simulatedRmse(ordered, pairs, fit.theta),
    r2: tss > 0 ? 1 - fit.residualSumSquares / tss : null,
    heatLossSeWK: phys ? Math.sqrt(sigma2 * v) : null,
    priorSharePct: prior ? (100 * priorInfo) / (priorInfo + dataInfo) : 0,
  };
  if (!phys) {
    reasons.push(`fitted coefficients are not physical (1 − a = ${t0.toPrecision(3)}, b = ${(t1 / 1000).toPrecision(3)} K/W): the room does not respond to heat or outdoor temperature in these data`);
    return { status: 'not-identifiable', heatLossWK: null, capacityJK: null, timeConstantH: null, gainsW: null, solarApertureM2: null, fit: fitReport, reasons };
  }
  return { status: 'identified', ...phys, fit: fitReport, reasons };
}
