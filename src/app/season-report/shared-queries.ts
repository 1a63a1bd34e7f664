/**
 * Concurrent requests for the same day aggregates share one store query (a dashboard page asks for the table,
 * a distribution and a ranking at once; each query makes the store refresh its dirty days first). Only
 * in-flight queries are shared: a query made after one has answered asks the store again, so nothing goes stale.
 */
import type { KpiDay } from '../../analytics/season/kpi-day.js';
import type { KpiDayQuery, KpiDayStore } from '../ports/kpi-day-store.js';

export function sharingInFlight(store: KpiDayStore): KpiDayStore {
  const inFlight = new Map<string, Promise<KpiDay[]>>();
  return {
    refreshKpiDays: (limit) => store.refreshKpiDays(limit),
    queryKpiDays(q: KpiDayQuery) {
      const key = `${q.fromDay}|${q.toDay}|${[...q.unitIds].sort().join(',')}`;
      const running = inFlight.get(key);
      if (running) return running;
      const p = store.queryKpiDays(q).finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      return p;
    },
  };
}
