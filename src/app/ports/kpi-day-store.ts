import type { KpiDay } from '../../analytics/season/kpi-day.js';

/** Units and local days [fromDay, toDay) (day index = floor((utcMs + 8 h) / 1 day), see analytics/season/kpi-day.ts). */
export interface KpiDayQuery {
  readonly unitIds: readonly string[];
  readonly fromDay: number;
  readonly toDay: number;
}

export interface KpiDayRefreshLimit {
  readonly maxUnitDays: number;
  readonly beforeDay?: number;
}

/**
 * Port: per-unit, per-local-day KPI aggregates kept by the telemetry store (docs/analytics/season-report.md).
 * Brought up to date before answering; a day appears only when the unit has readings in it.
 */
export interface KpiDayStore {
  /** Day aggregates ordered by unit id, then day. */
  queryKpiDays(query: KpiDayQuery): Promise<KpiDay[]>;
  /**
   * Rebuilds the unit-days touched by appends since the last refresh (rollups first); returns the number rebuilt.
   * With a limit: at most `maxUnitDays` of them, oldest day first, only days before `beforeDay` when given — fewer
   * than `maxUnitDays` rebuilt means none of those is left dirty.
   */
  refreshKpiDays(limit?: KpiDayRefreshLimit): Promise<number>;
}
