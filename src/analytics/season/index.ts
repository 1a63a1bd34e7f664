/**
 * Season reports from per-unit, per-local-day KPI aggregates (docs/analytics/season-report.md): the stored
 * statistics (`KpiDay`, filled by the store's KpiDayStore) and their composition into `UnitKpis`.
 */
export { seasonKpis, composeUnitKpis, periodDays } from './compose-season.js';
export {
  KPI_DAY_STATS, KPI_DAY_BUILD_OPTIONS, localDayOf, localDayStartMs, MS_PER_DAY, SLOTS_PER_DAY, type KpiDay, type CycleVariant,
} from './kpi-day.js';
