/**
 * Whether a unit's measured performance can be judged (evaluability.md). A metering problem is never
 * ranked as bad performance: the unit is "not evaluable" with its reasons, and shows up in data-quality
 * figures instead.
 */
import type { Boundary, UnitKpis } from '../unit-kpis/index.js';
import { unitCoveragePct } from './evaluated-unit.js';

export const NOT_EVALUABLE_CODES = [
  'no-data', 'heat-meter-fault', 'register-disagrees', 'register-went-backwards', 'implausible-units', 'exceeds-carnot', 'boundary-not-available', 'low-coverage', 'too-little-heat',
] as const;
export type NotEvaluableCode = (typeof NOT_EVALUABLE_CODES)[number];
export interface NotEvaluableReason { readonly code: NotEvaluableCode; readonly detail: string }

export interface EvaluabilityRule {
  readonly boundary: Boundary;
  /** Minimum coverage of heat and unit meters (%); 0 disables. */
  readonly minCoveragePct: number;
  /** Minimum heat at the boundary (kWh); 0 disables. */
  readonly minHeatKWh: number;
}

/** Reasons the unit cannot be judged at the boundary; empty when it can. */
export function notEvaluableReasons(k: UnitKpis, rule: EvaluabilityRule): NotEvaluableReason[] {
  if (k.status === 'no-data') return [{ code: 'no-data', detail: 'no readings in the period' }];
  const out: NotEvaluableReason[] = [];
  if (k.heatMeterFault.detected) out.push({ code: 'heat-meter-fault', detail: `heat meter read 0 while running with a temperature rise for ${k.heatMeterFault.durationH.toFixed(1)} h` });
  for (const r of k.registers) {
    if (r.status === 'disagree') out.push({ code: 'register-disagrees', detail: `${r.register} ${r.registerKWh.toFixed(1)} kWh vs integrated ${r.power} ${(r.integratedKWh ?? 0).toFixed(1)} kWh (tolerance ${r.toleranceKWh.toFixed(1)})` });
    if (r.status === 'register-went-backwards') out.push({ code: 'register-went-backwards', detail: `${r.register} went backwards` });
  }
  for (const f of k.plausibility.flags) {
    if (f.code === 'looks-like-kw-sent-as-w') out.push({ code: 'implausible-units', detail: `${f.channel} median ${f.medianPositiveW.toPrecision(3)} looks like kW sent as W` });
    else out.push({ code: 'exceeds-carnot', detail: `${f.channel}: ${f.carnotPct.toFixed(0)} % of Carnot is physically impossible` });
  }
  const b = k.energy.boundaries[rule.boundary];
  if (b.spf === null) out.push({ code: 'boundary-not-available', detail: `SPF ${rule.boundary.toUpperCase()} not computable (${b.reason ?? 'unknown'})` });
  const cov = unitCoveragePct(k);
  if (cov < rule.minCoveragePct) out.push({ code: 'low-coverage', detail: `coverage ${cov.toFixed(1)} % < ${rule.minCoveragePct} %` });
  if (b.spf !== null && b.heatKWh < rule.minHeatKWh) out.push({ code: 'too-little-heat', detail: `heat ${b.heatKWh.toFixed(0)} kWh < ${rule.minHeatKWh} kWh` });
  return out;
}

/** Metering faults only (not coverage or heat thresholds): these make a unit "not evaluable" in expected-vs-actual. */
export const METERING_CODES: readonly NotEvaluableCode[] = ['no-data', 'heat-meter-fault', 'register-disagrees', 'register-went-backwards', 'implausible-units', 'exceeds-carnot'];
