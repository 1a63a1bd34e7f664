/** The per-unit columns shared by the CSV and XLSX exports: every KPI column names its unit and boundary. */
import type { FleetRow, FleetTable, KpiColumn } from '../../contract/season-report.js';

export interface ExportColumn { readonly header: string; readonly value: (r: FleetRow) => string | number | null }

export const kpiHeader = (c: KpiColumn): string => `${c.label}${c.boundary ? ` (${c.boundary.toUpperCase()})` : ''} [${c.unit}]`;

export function unitColumns(t: FleetTable): ExportColumn[] {
  return [
    { header: 'unit_id', value: (r) => r.unitId },
    { header: 'site', value: (r) => r.siteName },
    { header: 'village', value: (r) => r.villageId },
    { header: 'manufacturer', value: (r) => r.manufacturer },
    { header: 'model', value: (r) => r.model },
    { header: 'unit_type', value: (r) => r.unitType },
    { header: 'capacity_control', value: (r) => r.capacityControl },
    { header: 'emitter', value: (r) => r.emitter },
    { header: 'nominal_capacity [kW]', value: (r) => r.nominalCapacityKw },
    { header: 'installed_on', value: (r) => r.installedOn },
    { header: 'status', value: (r) => r.status },
    ...t.columns.map((c) => ({ header: kpiHeader(c), value: (r: FleetRow) => r.values[c.key] ?? null })),
    ...(['h1', 'h2', 'h3', 'h4'] as const).map((b) => ({ header: `SPF ${b.toUpperCase()} not computable because`, value: (r: FleetRow) => r.spfReasons[b] })),
    { header: 'not evaluable (metering)', value: (r) => r.notEvaluable.join('; ') },
    { header: 'channels left out', value: (r) => r.excludedChannels.join('; ') },
  ];
}

/** One line each: period, boundaries, population — for the CSV comment header and the XLSX title block. */
export function reportHeaderLines(t: FleetTable): string[] {
  const p = t.period;
  return [
    `heatfleet season report; period ${p.label} (local days, ${p.timezone}; [${p.fromIso}, ${p.toIso}); ${p.source}${p.clampedToData ? ', clamped to the days with readings' : ''})`,
    `population: ${t.population.scope}; ${t.population.unitsMatched} units matched of ${t.population.unitsInScope} in scope, ${t.population.unitsWithData} with readings in the period; filter ${JSON.stringify(t.population.filter)}`,
    `boundaries: ${Object.values(t.boundaries).join('; ')}`,
    ...t.notes.map((n) => `note: ${n}`),
  ];
}
