/** One unit's season report: every KPI with its boundary and reason, data quality, and expected vs actual. */
import type { EvaluatedUnit } from '../../analytics/fleet-eval/evaluated-unit.js';
import { notEvaluableReasons } from '../../analytics/fleet-eval/evaluability.js';
import { BOUNDARIES, BOUNDARY_DEFINITIONS, type ExpectedVsActualWire, type Population, type ReportPeriod, type TwinStatusWire, type UnitReport } from '../../contract/season-report.js';
import { notEvaluableRef, plausibilityRef, warningRefsOf } from './texts.js';
import { KPI_COLUMNS, kpiReason, kpiValues } from './wire.js';

export function unitReportOf(u: EvaluatedUnit, head: { period: ReportPeriod; population: Population; notes: string[]; notesZh: string[] }, expected: ExpectedVsActualWire | null, twin: TwinStatusWire): UnitReport {
  const k = u.kpis;
  const values = kpiValues(k);
  const b = u.building;
  return {
    ...head,
    unit: {
      unitId: u.unit.id, siteId: u.unit.siteId, siteName: u.site?.name ?? u.unit.siteId, villageId: u.site?.villageId ?? null, manufacturer: u.unit.manufacturer, model: u.unit.model,
      unitType: u.unit.type, capacityControl: u.unit.capacityControl, emitter: u.unit.emitter, nominalCapacityKw: u.unit.nominalCapacityKw, installedOn: u.unit.installedOn,
      building: b ? { heatedAreaM2: b.heatedAreaM2, constructionYear: b.constructionYear, envelope: b.envelope, storeys: b.storeys } : null,
    },
    status: k.status,
    boundaries: BOUNDARIES.map((x) => {
      const e = k.energy.boundaries[x];
      return { boundary: x, definition: BOUNDARY_DEFINITIONS[x], spf: e.spf, reason: e.reason, heatKWh: e.heatKWh, electricityKWh: e.electricityKWh, coveredH: e.coveredH, channels: [...e.channels] };
    }),
    figures: KPI_COLUMNS.map((c) => ({ ...c, value: values[c.key], reason: kpiReason(k, c.key) })),
    coverage: Object.entries(k.coverage).flatMap(([channel, c]) => (c === undefined ? [] : [{ channel, coveragePct: c.coveragePct, measured: c.measured, bridged: c.bridged, missing: c.missing }])),
    registers: k.registers.map((r) => ({ register: r.register, power: r.power, registerKWh: r.registerKWh, integratedKWh: r.integratedKWh, toleranceKWh: r.toleranceKWh, status: r.status })),
    plausibility: {
      flags: k.plausibility.flags.map((f) => ({
        channel: f.channel, code: f.code,
        detail: f.code === 'looks-like-kw-sent-as-w' ? `positive values mostly below ${f.medianPositiveW} W: looks like kW sent as W; the channel is left out` : `${f.carnotPct.toFixed(0)} % of Carnot is physically impossible`,
        text: plausibilityRef(f),
      })),
      excludedChannels: [...k.plausibility.excludedChannels],
    },
    heatMeterFault: { detected: k.heatMeterFault.detected, reason: k.heatMeterFault.reason, episodes: k.heatMeterFault.episodes, durationH: k.heatMeterFault.durationH },
    comfortByHour: k.comfort.byHourOfDay.map((h) => ({ hour: h.hourOfDay, coveredH: h.coveredH, hoursBelow: h.hoursBelow, degreeHoursBelowKh: h.degreeHoursBelowKh })),
    notEvaluable: notEvaluableReasons(k, { boundary: expected?.boundary ?? 'h2', minCoveragePct: 0, minHeatKWh: 0 }).map((r) => ({ code: r.code, detail: r.detail, text: notEvaluableRef(r.text) })),
    expectedVsActual: expected,
    expectedVsActualStatus: twin,
    warnings: [...k.warnings],
    warningRefs: warningRefsOf(k),
  };
}
