import { describe, expect, it } from 'vitest';
import type { KpiDay } from '../../analytics/season/kpi-day.js';
import type { KpiDayQuery } from '../ports/kpi-day-store.js';
import { sharingInFlight } from './shared-queries.js';

describe('sharing in-flight day-aggregate queries', () => {
  it('answers concurrent identical queries with one store query, and asks again once it has answered', async () => {
    const asked: KpiDayQuery[] = [];
    const store = {
      refreshKpiDays: async () => 0,
      queryKpiDays: (q: KpiDayQuery) => { asked.push(q); return new Promise<KpiDay[]>((resolve) => setTimeout(() => resolve([]), 20)); },
    };
    const shared = sharingInFlight(store);
    await Promise.all([
      shared.queryKpiDays({ unitIds: ['u2', 'u1'], fromDay: 1, toDay: 5 }),
      shared.queryKpiDays({ unitIds: ['u1', 'u2'], fromDay: 1, toDay: 5 }),
      shared.queryKpiDays({ unitIds: ['u1'], fromDay: 1, toDay: 5 }),
    ]);
    expect(asked).toHaveLength(2);
    await shared.queryKpiDays({ unitIds: ['u1', 'u2'], fromDay: 1, toDay: 5 });
    expect(asked).toHaveLength(3);
  });
});
