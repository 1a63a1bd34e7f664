/**
 * Fleet-eval results → the wire shapes of src/contract/season-report.ts. Every KPI carries its label, unit and
 * boundary from one catalogue (KPI_CATALOGUE); a null figure carries the engine's reason.
 */
import { notEvaluableReasons, METERING_CODES } from '../../analytics/fleet-eval/evaluability.js';
import type { EvaluatedUnit } from '../../analytics/fleet-eval/evaluated-unit.js';
import type { ExpectedVsActual } from '../../analytics/fleet-eval/expected-vs-actual.js';
import { KPI_CATALOGUE, type KpiKey } from '../../analytics/fleet-eval/kpi-catalogue.js';
import type { UnitKpis } from '../../analytics/unit-kpis/index.js';
import { notesZh } from './notes.js';
import { causeRef, evidenceFigureRef, notEvaluableRef, warningRefsOf } from './texts.js';
import { BOUNDARY_DEFINITIONS, SEASON_KPI_KEYS, type ExpectedVsActualWire, type FleetRow, type KpiColumn, type SeasonKpiKey } from '../../contract/season-report.js';

// The contract's KPI keys and the catalogue's are the same set (a compile-time check both ways).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const keysAgree: Same<KpiKey, SeasonKpiKey> = true;
void keysAgree;

export const KPI_COLUMNS: readonly KpiColumn[] = SEASON_KPI_KEYS.map((key) => {
  const s = KPI_CATALOGUE[key];
  return { key, label: s.label, unit: s.unit, boundary: s.boundary };
});

export const kpiValues = (k: UnitKpis): Record<SeasonKpiKey, number | null> =>
  Object.fromEntries(SEASON_KPI_KEYS.map((key) => {
    const v = KPI_CATALOGUE[key].get(k);
    return [key, v === null || !Number.isFinite(v) ? null : v];
  })) as Record<SeasonKpiKey, number | null>;

/** The engine's reason for a null figure. */
export function kpiReason(k: UnitKpis, key: SeasonKpiKey): string | null {
  if (KPI_CATALOGUE[key].get(k) !== null) return null;
  if (k.status === 'no-data') return 'no-data';
  switch (key) {
    case 'spfH1': case 'spfH2': case 'spfH3': case 'spfH4': return k.energy.boundaries[`h${key.slice(4)}` as 'h1'].reason;
    case 'copRunning': return k.energy.cop.reason;
    case 'heatKWh': return k.energy.heatKWh.metered.reason;
    case 'electricityH2KWh': return k.energy.electricityKWh.unitH2.reason;
    case 'backupElectricityKWh': return k.energy.electricityKWh.backup.reason;
    case 'pumpElectricityKWh': return k.energy.electricityKWh.pump.reason;
    case 'loadRatio': return k.loadRatio.reason;
    case 'flowTempC': case 'deltaTK': case 'carnotPct': return k.temperatures.reason ?? 'not-computable';
    case 'hoursBelowTarget': case 'degreeHoursBelowKh': case 'meanIndoorC': return k.comfort.reason ?? 'not-computable';
    case 'meanOutdoorC': case 'hddKd': case 'heatPerHddKWhPerKd': return k.weather.reason ?? 'not-computable';
    default: return 'not-computable';
  }
}

/** Metering problems that keep a unit out of rankings, as codes. */
export const meteringProblems = (k: UnitKpis) => notEvaluableReasons(k, { boundary: 'h2', minCoveragePct: 0, minHeatKWh: 0 }).filter((r) => METERING_CODES.includes(r.code));

export function fleetRow(u: EvaluatedUnit): FleetRow {
  const k = u.kpis;
  const reason = (b: 'h1' | 'h2' | 'h3' | 'h4') => k.energy.boundaries[b].reason;
  return {
    unitId: u.unit.id, siteId: u.unit.siteId, siteName: u.site?.name ?? u.unit.siteId, villageId: u.site?.villageId ?? null, programmeId: u.site?.programmeId ?? null,
    manufacturer: u.unit.manufacturer, model: u.unit.model, unitType: u.unit.type, capacityControl: u.unit.capacityControl, emitter: u.unit.emitter,
    nominalCapacityKw: u.unit.nominalCapacityKw, installedOn: u.unit.installedOn, status: k.status,
    values: kpiValues(k), spfReasons: { h1: reason('h1'), h2: reason('h2'), h3: reason('h3'), h4: reason('h4') },
    notEvaluable: meteringProblems(k).map((r) => r.code),
    excludedChannels: [...k.plausibility.excludedChannels],
    warnings: [...k.warnings],
    warningRefs: warningRefsOf(k),
  };
}

export function expectedWire(r: ExpectedVsActual, cached: boolean): ExpectedVsActualWire {
  const e = r.expected;
  return {
    unitId: r.unitId, boundary: r.boundary, boundaryLabel: `${r.boundaryLabel} (${BOUNDARY_DEFINITIONS[r.boundary]})`, status: r.status,
    notEvaluable: r.notEvaluable.map((x) => ({ code: x.code, detail: x.detail, text: notEvaluableRef(x.text) })),
    weather: { ...r.weather },
    expected: e === null ? null : {
      spf: { ...e.spf }, heatKWh: e.heatKWh, heatPumpHeatKWh: e.heatPumpHeatKWh, backupHeatKWh: e.backupHeatKWh, electricityH2KWh: e.electricityKWh.h2, electricityH4KWh: e.electricityKWh.h4,
      startsPerRunningHour: e.startsPerRunningHour, loadRatio: e.loadRatio, heatWeightedFlowC: e.heatWeightedFlowC, carnotPct: e.carnotPct, hoursBelowTarget: e.hoursBelowTarget,
      defrostSharePct: e.defrostSharePct, pumpSharePct: e.pumpSharePct, backupSharePct: e.backupSharePct,
    },
    actual: { ...r.actual, spf: { ...r.actual.spf } },
    gap: r.gap === null ? null : { ...r.gap },
    causes: r.causes.map((c) => ({
      code: c.code, text: c.text, textRef: causeRef(c),
      evidence: c.evidence.map((x) => ({ figure: x.figure, figureRef: evidenceFigureRef(x), unit: x.unit, actual: x.actual, expected: x.expected, threshold: x.threshold })),
      estimatedSpfLoss: c.estimatedSpfLoss, boundary: c.boundary,
    })),
    warnings: [...r.warnings],
    warningsZh: notesZh(r.warnings),
    cached,
  };
}
