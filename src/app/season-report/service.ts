/**
 * Use case: season reports and post-evaluation for the caller's scope (docs/analytics/reports.md). Day
 * aggregates come through the KpiDayStore port, fault events through the FaultEventStore port; fleet-eval
 * does the statistics; results leave as the wire shapes of src/contract/season-report.ts.
 */
import { afterSalesMetrics, eventsByUnit } from '../../analytics/fleet-eval/after-sales.js';
import { creditList } from '../../analytics/fleet-eval/credit-rules.js';
import { rankByShortfall } from '../../analytics/fleet-eval/expected-vs-actual.js';
import { compareUnits, kpiDistribution } from '../../analytics/fleet-eval/fleet-tables.js';
import { influenceFactors, type InfluenceOptions } from '../../analytics/fleet-eval/influence-factors.js';
import { rankGroups } from '../../analytics/fleet-eval/rankings.js';
import type {
  AfterSalesWire, BoundaryKey, Comparison, TwinStatusWire, CreditListWire, CreditRuleWire, Distribution, FleetTable, InfluenceWire, RankingWire, SeasonKpiKey, ShortfallRankingWire, UnitReport,
} from '../../contract/season-report.js';
import { BOUNDARY_DEFINITIONS } from '../../contract/season-report.js';
import { canSeeSite, type Principal } from '../authorize.js';
import type { FleetIndex } from '../fleet-index.js';
import type { Clock } from '../ports/clock.js';
import type { FaultEventStore } from '../ports/fault-event-store.js';
import type { KpiDayStore } from '../ports/kpi-day-store.js';
import { mayPostCreditRules, requireFleetStatistics, requireRead } from './access.js';
import { asBadRequest, SeasonReportError } from './errors.js';
import type { ExpectedRuns } from './expected-runs.js';
import { NOTES, notesZh } from './notes.js';
import { loadPopulation, type FilterQuery, type LoadedPopulation } from './population.js';
import { periodMs } from './period.js';
import { creditWire, influenceWire, rankingWire } from './post-eval-wire.js';
import { sharingInFlight } from './shared-queries.js';
import { unitReportOf } from './unit-report.js';
import { expectedWire, fleetRow, KPI_COLUMNS } from './wire.js';

type PeriodQuery = { from?: string | undefined; to?: string | undefined };
type ScopeQuery = PeriodQuery & FilterQuery;

/** When a client should ask again for expected vs actual still computing (ms). */
export const RETRY_AFTER_MS = 2000;

/** A fault reading more than this apart from the previous one starts a new event (after-sales.md). */
export const FAULT_EVENT_MAX_GAP_S = 900;
const FAULT_RULE = `a fault event is a run of readings of one unit carrying the same fault code, consecutive readings at most ${FAULT_EVENT_MAX_GAP_S / 60} min apart; a reading without the code ends it`;

export interface SeasonReportDeps {
  readonly index: () => FleetIndex;
  readonly kpiDays: KpiDayStore;
  readonly faults: FaultEventStore;
  readonly clock: Clock;
  readonly expected: ExpectedRuns;
  /** The default credit rules (parsed at start-up) and where they come from. */
  readonly defaultCreditRules: { readonly rules: readonly CreditRuleWire[]; readonly source: string };
}

export interface SeasonReportBundle {
  readonly table: FleetTable;
  readonly rankings: { readonly model: RankingWire; readonly manufacturer: RankingWire } | null;
  readonly credit: CreditListWire | null;
  readonly influence: InfluenceWire | null;
  readonly afterSales: AfterSalesWire | null;
}

const cmp = (a: number | null, b: number | null, order: 'asc' | 'desc') => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : order === 'asc' ? a - b : b - a);

export function createSeasonReports(deps: SeasonReportDeps) {
  const kpiDays = sharingInFlight(deps.kpiDays);
  const load = (p: Principal, q: ScopeQuery, only?: ReadonlySet<string>): Promise<LoadedPopulation> =>
    loadPopulation({ index: deps.index(), kpiDays, nowMs: deps.clock.nowMs() }, p, q, only);
  const head = (l: LoadedPopulation) => ({ period: l.period.wire, population: l.population, notes: [...l.period.notes], notesZh: notesZh(l.period.notes) });
  const faultEvents = (l: LoadedPopulation) => deps.faults.queryFaultEvents({ unitIds: l.units.map((u) => u.unit.id), ...periodMs(l.period), maxGapS: FAULT_EVENT_MAX_GAP_S });

  function table(l: LoadedPopulation, q: { page: number; pageSize: number; sort: SeasonKpiKey | 'unitId'; order: 'asc' | 'desc' }): FleetTable {
    const rows = l.units.map(fleetRow);
    if (q.sort === 'unitId') rows.sort((a, b) => (q.order === 'asc' ? a.unitId.localeCompare(b.unitId) : b.unitId.localeCompare(a.unitId)));
    else { const s = q.sort; rows.sort((a, b) => cmp(a.values[s], b.values[s], q.order) || a.unitId.localeCompare(b.unitId)); }
    const start = (q.page - 1) * q.pageSize;
    return { ...head(l), boundaries: { ...BOUNDARY_DEFINITIONS }, columns: [...KPI_COLUMNS], items: rows.slice(start, start + q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize, sort: q.sort, order: q.order };
  }

  function ranking(l: LoadedPopulation, q: { groupBy: 'model' | 'manufacturer'; boundary: BoundaryKey; minUnits?: number; minCoveragePct?: number; minHeatKWh?: number }): RankingWire {
    const r = asBadRequest(() => rankGroups(l.units, {
      groupBy: q.groupBy, boundary: q.boundary, ...(q.minUnits === undefined ? {} : { minUnits: q.minUnits }),
      ...(q.minCoveragePct === undefined ? {} : { minCoveragePct: q.minCoveragePct }), ...(q.minHeatKWh === undefined ? {} : { minHeatKWh: q.minHeatKWh }),
    }));
    return rankingWire(head(l), r);
  }

  async function credit(l: LoadedPopulation, rules: readonly CreditRuleWire[], source: string): Promise<CreditListWire> {
    const events = await faultEvents(l);
    const c = asBadRequest(() => creditList(l.units, rules, eventsByUnit(events)));
    return creditWire(head(l), c, rules, source);
  }

  function influence(l: LoadedPopulation, q: { boundary: BoundaryKey; factors?: string | undefined; weighting: 'none' | 'heat'; minUnits?: number | undefined; minCoveragePct?: number | undefined }): InfluenceWire {
    const factors = q.factors?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const opts = { boundary: q.boundary, weighting: q.weighting, ...(factors && factors.length > 0 ? { factors } : {}), ...(q.minUnits === undefined ? {} : { minUnits: q.minUnits }), ...(q.minCoveragePct === undefined ? {} : { minCoveragePct: q.minCoveragePct }) } as InfluenceOptions;
    const r = asBadRequest(() => influenceFactors(l.units, opts));
    return influenceWire({ ...head(l), notes: [...l.period.notes, ...r.notes], notesZh: notesZh([...l.period.notes, ...r.notes]) }, r);
  }

  async function afterSales(l: LoadedPopulation, groupBy: 'model' | 'manufacturer'): Promise<AfterSalesWire> {
    const r = afterSalesMetrics(l.units, await faultEvents(l), { groupBy });
    const fig = <T extends { byCode: Readonly<Record<string, number>> }>(g: T) => ({ ...g, byCode: { ...g.byCode } });
    return { ...head(l), groupBy: r.groupBy, seasonDays: r.seasonDays, fleet: fig(r.fleet), groups: r.groups.map(fig), faultEventRule: FAULT_RULE, serviceRecords: { ...r.serviceRecords } };
  }

  return {
    async fleetTable(p: Principal, q: ScopeQuery & { page: number; pageSize: number; sort: SeasonKpiKey | 'unitId'; order: 'asc' | 'desc' }): Promise<FleetTable> {
      requireRead(p);
      return table(await load(p, q), q);
    },

    async distribution(p: Principal, q: ScopeQuery & { kpi: SeasonKpiKey; bins: number; rangeLow?: number | undefined; rangeHigh?: number | undefined }): Promise<Distribution> {
      requireFleetStatistics(p, 'a distribution');
      const l = await load(p, q);
      const d = asBadRequest(() => kpiDistribution(l.units, { kpi: q.kpi, bins: q.bins, ...(q.rangeLow !== undefined && q.rangeHigh !== undefined ? { range: [q.rangeLow, q.rangeHigh] } : {}) }));
      return { ...head(l), kpi: d.kpi, label: d.label, unit: d.unit, boundary: d.boundary as BoundaryKey | null, n: d.n, nMissing: d.nMissing, quantiles: d.quantiles ? { ...d.quantiles } : null, mean: d.mean, histogram: d.histogram.map((b) => ({ ...b })), outside: d.outside };
    },

    async comparison(p: Principal, q: PeriodQuery & { unitIds: string; kpis?: string | undefined }): Promise<Comparison> {
      requireRead(p);
      const ids = [...new Set(q.unitIds.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
      const index = deps.index();
      const outside = ids.filter((id) => { const site = index.siteOfUnit(id); return !site || !canSeeSite(p, site, index); });
      if (outside.length > 0) throw new SeasonReportError('not_found', `no unit ${outside.join(', ')} in your scope`);
      const l = await load(p, q, new Set(ids));
      const known = new Set(l.units.map((u) => u.unit.id));
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0) throw new SeasonReportError('not_found', `no unit ${unknown.join(', ')} in your scope`);
      const kpis = q.kpis?.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const c = asBadRequest(() => compareUnits(l.units, { unitIds: ids, ...(kpis && kpis.length > 0 ? { kpis } : {}) }));
      return { ...head(l), units: c.units.map((u) => ({ ...u })), rows: c.rows.map((r) => ({ key: r.kpi, label: r.label, unit: r.unit, boundary: r.boundary as BoundaryKey | null, values: [...r.values] })) };
    },

    async unitReport(p: Principal, unitId: string, q: PeriodQuery & { boundary: BoundaryKey; expected: 'true' | 'false' }): Promise<UnitReport> {
      requireRead(p);
      const index = deps.index();
      const site = index.siteOfUnit(unitId);
      if (!site || !canSeeSite(p, site, index)) throw new SeasonReportError('not_found', `no unit ${unitId} in your scope`);
      const l = await load(p, q, new Set([unitId]));
      const u = l.units[0];
      if (!u) throw new SeasonReportError('not_found', `no unit ${unitId} in your scope`);
      const asked = q.expected === 'true' && u.kpis.status === 'ok';
      const look = asked ? await deps.expected.lookup([u], q.boundary, { urgent: true }) : null;
      const eva = look?.results.get(unitId) ?? null;
      const notes = [...l.period.notes];
      if (q.expected === 'true' && u.kpis.status !== 'ok') notes.push(NOTES.noReadings());
      const failed = look?.failed.get(unitId);
      if (failed !== undefined) notes.push(NOTES.twinFailed(failed));
      const twin: TwinStatusWire = !look
        ? { state: q.expected === 'true' ? 'no-data' : 'not-requested', queuedAhead: 0, retryAfterMs: null }
        : eva ? { state: 'ready', queuedAhead: 0, retryAfterMs: null }
          : failed !== undefined ? { state: 'failed', queuedAhead: 0, retryAfterMs: null }
            : { state: 'computing', queuedAhead: look.progress.queuedAhead, retryAfterMs: RETRY_AFTER_MS };
      return unitReportOf(u, { ...head(l), notes, notesZh: notesZh(notes) }, eva ? expectedWire(eva.result, eva.cached) : null, twin);
    },

    async shortfall(p: Principal, q: ScopeQuery & { boundary: BoundaryKey }): Promise<ShortfallRankingWire> {
      requireRead(p);
      const l = await load(p, q);
      const withData = l.units.filter((u) => u.kpis.status === 'ok');
      const look = await deps.expected.lookup(withData, q.boundary);
      const results = withData.map((u) => look.results.get(u.unit.id)?.result).filter((r) => r !== undefined);
      const r = rankByShortfall(results);
      const notes = [...l.period.notes];
      const noData = l.units.length - withData.length;
      if (noData > 0) notes.push(NOTES.leftOutNoData(noData));
      if (look.pending.length > 0) notes.push(NOTES.computing(look.progress.done, look.progress.total));
      for (const [id, why] of look.failed) notes.push(NOTES.twinFailedUnit(id, why));
      const fromCache = [...look.results.values()].filter((x) => x.cached).length;
      return {
        ...head(l), notes, notesZh: notesZh(notes), boundary: q.boundary, boundaryLabel: BOUNDARY_DEFINITIONS[q.boundary],
        ranked: r.ranked.map((x) => ({ ...x, causes: [...x.causes] })), notEvaluable: r.notEvaluable.map((x) => ({ unitId: x.unitId, reasons: [...x.reasons] })),
        notComputed: [...look.pending],
        twin: { ...look.progress, fromCache, failedUnits: [...look.failed.keys()], retryAfterMs: look.pending.length > 0 ? RETRY_AFTER_MS : null },
      };
    },

    async influence(p: Principal, q: ScopeQuery & Parameters<typeof influence>[1]): Promise<InfluenceWire> {
      requireFleetStatistics(p, 'influence factors');
      return influence(await load(p, q), q);
    },

    async rankings(p: Principal, q: ScopeQuery & Parameters<typeof ranking>[1]): Promise<RankingWire> {
      requireFleetStatistics(p, 'a ranking');
      return ranking(await load(p, q), q);
    },

    /** `rules` from a request body (regulator, admin) replace the default set. */
    async creditList(p: Principal, q: ScopeQuery, rules?: readonly CreditRuleWire[]): Promise<CreditListWire> {
      requireFleetStatistics(p, 'the credit list');
      if (rules && !mayPostCreditRules(p)) throw new SeasonReportError('forbidden', 'only regulators and the administrator may apply their own credit rules; operators get the default rule set');
      const l = await load(p, q);
      return rules ? credit(l, rules, 'request body') : credit(l, deps.defaultCreditRules.rules, `default: ${deps.defaultCreditRules.source}`);
    },

    async afterSales(p: Principal, q: ScopeQuery & { groupBy: 'model' | 'manufacturer' }): Promise<AfterSalesWire> {
      requireFleetStatistics(p, 'after-sales metrics');
      return afterSales(await load(p, q), q.groupBy);
    },

    /** Everything an export holds; fleet parts only for roles that may see them (a household: its own unit's rows). */
    async bundle(p: Principal, q: ScopeQuery): Promise<SeasonReportBundle> {
      requireRead(p);
      const l = await load(p, q);
      const t = table(l, { page: 1, pageSize: Math.max(1, l.units.length), sort: 'unitId', order: 'asc' });
      if (p.role === 'household') return { table: t, rankings: null, credit: null, influence: null, afterSales: null };
      return {
        table: t,
        rankings: { model: ranking(l, { groupBy: 'model', boundary: 'h2' }), manufacturer: ranking(l, { groupBy: 'manufacturer', boundary: 'h2' }) },
        credit: await credit(l, deps.defaultCreditRules.rules, `default: ${deps.defaultCreditRules.source}`),
        influence: influence(l, { boundary: 'h2', weighting: 'none' }),
        afterSales: await afterSales(l, 'model'),
      };
    },
  };
}

export type SeasonReports = ReturnType<typeof createSeasonReports>;
