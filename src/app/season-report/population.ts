/**
 * The population of a report: the units in the caller's scope (authorize.ts: outside it a unit does not exist),
 * narrowed by the fleet filter, joined with their building and site, and their KPIs composed from the store's
 * local-day aggregates (KpiDayStore) over the report period.
 */
import type { EvaluatedUnit } from '../../analytics/fleet-eval/evaluated-unit.js';
import { filterUnits, type FleetFilter } from '../../analytics/fleet-eval/fleet-tables.js';
import { seasonKpis } from '../../analytics/season/index.js';
import { localDayOf, type KpiDay } from '../../analytics/season/kpi-day.js';
import type { UnitFacts } from '../../analytics/unit-kpis/index.js';
import type { Population } from '../../contract/season-report.js';
import { renderText, textRef, type TextRef } from '../../contract/texts/render-text.js';
import { SCOPE_TEXTS } from '../../contract/texts/report-texts.js';
import type { HeatPumpUnit } from '../../domain/registry.js';
import { visibleSites, type Principal } from '../authorize.js';
import type { FleetIndex } from '../fleet-index.js';
import type { KpiDayStore } from '../ports/kpi-day-store.js';
import { asBadRequest } from './errors.js';
import { dayOfLocalDate, periodMs, resolvePeriod, seasonOfDay, type ResolvedPeriod } from './period.js';

/** Flat query parameters of the contract → the fleet-eval FleetFilter (lists comma-separated). */
export interface FilterQuery {
  village?: string | undefined; programme?: string | undefined; manufacturer?: string | undefined; model?: string | undefined;
  unitType?: string | undefined; capacityControl?: string | undefined; emitter?: string | undefined;
  minCapacityKw?: number | undefined; maxCapacityKw?: number | undefined; installedFrom?: number | undefined; installedTo?: number | undefined;
}
const split = (s: string | undefined): string[] | undefined => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter((x) => x !== ''));

export function filterOf(q: FilterQuery): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  const lists = { villageIds: q.village, programmeIds: q.programme, manufacturers: q.manufacturer, models: q.model, unitTypes: q.unitType, capacityControls: q.capacityControl, emitters: q.emitter };
  for (const [k, v] of Object.entries(lists)) { const l = split(v); if (l && l.length > 0) f[k] = l; }
  if (q.minCapacityKw !== undefined || q.maxCapacityKw !== undefined) f.capacityKw = { ...(q.minCapacityKw === undefined ? {} : { minKw: q.minCapacityKw }), ...(q.maxCapacityKw === undefined ? {} : { maxKw: q.maxCapacityKw }) };
  if (q.installedFrom !== undefined || q.installedTo !== undefined) f.installationYears = { ...(q.installedFrom === undefined ? {} : { from: q.installedFrom }), ...(q.installedTo === undefined ? {} : { to: q.installedTo }) };
  return f;
}

/** The caller's scope as a code of SCOPE_TEXTS (src/contract/texts/report-texts.ts) and its names. */
export function scopeRef(p: Principal, index: FleetIndex): TextRef {
  const area = p.scopeAreaId ? index.area(p.scopeAreaId) : undefined;
  const areaName = area ? `${area.name} (${area.id})` : p.scopeAreaId;
  switch (p.role) {
    case 'admin': return textRef('whole-installation');
    case 'regulator': return areaName === undefined ? textRef('no-area') : textRef('area', { area: areaName });
    case 'household': return textRef('household', { siteId: p.siteId ?? '—' });
    default: return areaName ? textRef('org-in-area', { orgId: p.orgId, area: areaName }) : textRef('org', { orgId: p.orgId });
  }
}

/** The caller's scope in English words (the wire's `scope`; the same words as SCOPE_TEXTS' English). */
export const scopeLabel = (p: Principal, index: FleetIndex): string => renderText(SCOPE_TEXTS, scopeRef(p, index), 'en') as string;

/** Units the principal may see, with building and site; KPIs filled in later. */
export function unitsInScope(p: Principal, index: FleetIndex): Omit<EvaluatedUnit, 'kpis'>[] {
  return visibleSites(p, index).flatMap((site) => {
    const building = index.buildingsOfSite(site.id)[0];
    return index.unitsOfSite(site.id).map((unit) => ({ unit, site, ...(building ? { building } : {}) }));
  });
}

export const factsOf = (u: HeatPumpUnit): UnitFacts => ({ unitId: u.id, nominalCapacityKw: u.nominalCapacityKw, type: u.type, emitter: u.emitter });

export interface LoadedPopulation {
  readonly units: EvaluatedUnit[];
  readonly period: ResolvedPeriod;
  readonly population: Population;
}

/**
 * Scope → filter → day aggregates → UnitKpis. A bad filter value is the caller's error (thrown as a
 * SeasonReportError by the service). `only` narrows to given unit ids after scope (unknown ones are dropped).
 */
export async function loadPopulation(
  deps: { index: FleetIndex; kpiDays: KpiDayStore; nowMs: number },
  p: Principal, q: FilterQuery & { from?: string | undefined; to?: string | undefined }, only?: ReadonlySet<string>,
): Promise<LoadedPopulation> {
  const scoped = unitsInScope(p, deps.index);
  const skeletons = scoped.map((s) => ({ ...s, kpis: null as never }));
  const filter = filterOf(q) as FleetFilter;
  const matched = asBadRequest(() => filterUnits(skeletons as unknown as EvaluatedUnit[], filter)).units.filter((u) => !only || only.has(u.unit.id));
  const ids = matched.map((u) => u.unit.id);
  // Read the asked period, or the whole default season (the clamp needs the days with data).
  const asked = q.from !== undefined && q.to !== undefined ? { fromDay: dayOfLocalDate(q.from), toDay: dayOfLocalDate(q.to) } : seasonOfDay(localDayOf(deps.nowMs));
  const today = localDayOf(deps.nowMs);
  const read = (r: { fromDay: number; toDay: number }) => deps.kpiDays.queryKpiDays({ unitIds: ids, ...r });
  let rows: KpiDay[] = [];
  if (ids.length > 0 && q.from === undefined && asked.fromDay < today && today < asked.toDay) {
    // The default period leaves today out when earlier days have data; today's days are kept dirty by live readings
    // (rebuilding them would hold the request), so they are read only when no earlier day has data.
    rows = await read({ fromDay: asked.fromDay, toDay: today });
    if (rows.length === 0) rows = await read({ fromDay: today, toDay: asked.toDay });
  } else if (ids.length > 0) {
    rows = await read(asked);
  }
  const daysWithData = new Set<number>();
  for (const r of rows) daysWithData.add(r.day);
  const period = resolvePeriod(q, deps.nowMs, daysWithData);
  const inPeriod = rows.filter((r) => r.day >= period.fromDay && r.day < period.toDay);
  const kpis = seasonKpis(inPeriod, matched.map((u) => factsOf(u.unit)), periodMs(period));
  const units: EvaluatedUnit[] = matched.map((u, i) => ({ unit: u.unit, ...(u.building ? { building: u.building } : {}), ...(u.site ? { site: u.site } : {}), kpis: kpis[i] as EvaluatedUnit['kpis'] }));
  return {
    units, period,
    population: {
      scope: scopeLabel(p, deps.index), scopeRef: scopeRef(p, deps.index), unitsInScope: scoped.length, unitsMatched: matched.length,
      unitsWithData: units.filter((u) => u.kpis.status === 'ok').length, filter,
    },
  };
}
