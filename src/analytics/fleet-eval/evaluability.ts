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
/** Codes of the detail texts (src/contract/texts/unit-texts.ts NOT_EVALUABLE_TEXTS): the reason codes plus the twin's own. */
export type NotEvaluableTextCode = NotEvaluableCode | 'no-building' | 'twin-no-spf';
export interface NotEvaluableText { readonly code: NotEvaluableTextCode; readonly params: Readonly<Record<string, string | number>> }
export interface NotEvaluableReason { readonly code: NotEvaluableCode; readonly detail: string; readonly text: NotEvaluableText }
const why = (code: NotEvaluableCode, detail: string, params: Record<string, string | number> = {}): NotEvaluableReason => ({ code, detail, text: { code, params } });

export interface EvaluabilityRule {
  readonly boundary: Boundary;
  /** Minimum coverage of heat and unit meters (%); 0 disables. */
  readonly minCoveragePct: number;
  /** Minimum heat at the boundary (kWh); 0 disables. */
  readonly minHeatKWh: number;
}

/** Reasons the unit cannot be judged at the boundary; empty when it can. */
export function notEvaluableReasons(k: UnitKpis, rule: EvaluabilityRule): NotEvaluableReason[] {
  if (k.status === 'no-data') return [why('no-data', 'no readings in the period')];
  const out: NotEvaluableReason[] = [];
  if (k.heatMeterFault.detected) out.push(why('heat-meter-fault', `heat meter read 0 while running with a temperature rise for ${k.heatMeterFault.durationH.toFixed(1)} h`, { hours: k.heatMeterFault.durationH }));
  for (const r of k.registers) {
    if (r.status === 'disagree') out.push(why('register-disagrees', `${r.register} ${r.registerKWh.toFixed(1)} kWh vs integrated ${r.power} ${(r.integratedKWh ?? 0).toFixed(1)} kWh (tolerance ${r.toleranceKWh.toFixed(1)})`,
      { register: r.register, registerKWh: r.registerKWh, power: r.power, integratedKWh: r.integratedKWh ?? 0, toleranceKWh: r.toleranceKWh }));
    if (r.status === 'register-went-backwards') out.push(why('register-went-backwards', `${r.register} went backwards`, { register: r.register }));
  }
  for (const f of k.plausibility.flags) {
    if (f.code === 'looks-like-kw-sent-as-w') out.push(why('implausible-units', `${f.channel} median ${f.medianPositiveW.toPrecision(3)} looks like kW sent as W`, { channel: f.channel, medianW: f.medianPositiveW }));
    else out.push(why('exceeds-carnot', `${f.channel}: ${f.carnotPct.toFixed(0)} % of Carnot is physically impossible`, { channel: f.channel, carnotPct: f.carnotPct }));
  }
  const b = k.energy.boundaries[rule.boundary];
  if (b.spf === null) out.push(why('boundary-not-available', `SPF ${rule.boundary.toUpperCase()} not computable (${b.reason ?? 'unknown'})`, { boundary: rule.boundary.toUpperCase(), reason: b.reason ?? 'unknown' }));
  const cov = unitCoveragePct(k);
  if (cov < rule.minCoveragePct) out.push(why('low-coverage', `coverage ${cov.toFixed(1)} % < ${rule.minCoveragePct} %`, { coveragePct: cov, minCoveragePct: rule.minCoveragePct }));
  if (b.spf !== null && b.heatKWh < rule.minHeatKWh) out.push(why('too-little-heat', `heat ${b.heatKWh.toFixed(0)} kWh < ${rule.minHeatKWh} kWh`, { heatKWh: b.heatKWh, minHeatKWh: rule.minHeatKWh }));
  return out;
}

/** Metering faults only (not coverage or heat thresholds): these make a unit "not evaluable" in expected-vs-actual. */
export const METERING_CODES: readonly NotEvaluableCode[] = ['no-data', 'heat-meter-fault', 'register-disagrees', 'register-went-backwards', 'implausible-units', 'exceeds-carnot'];
