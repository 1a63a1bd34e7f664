/**
 * Keeps the per-unit, per-local-day aggregates (kpi_day) current in the background, so a report request finds
 * them built and only composes. Each pass rebuilds a bounded number of dirty unit-days (the store's writer is
 * busy meanwhile, so ingest waits at most one pass): the budget starts at `maxUnitDays`, halves after a pass
 * longer than `passTargetMs` and doubles (up to `maxUnitDays`) after one shorter than half of it. While work
 * remains the next pass follows after `busyPauseMs`, else after `intervalMs`. Past days go first. Today's days are
 * dirtied by every live reading, so they are rebuilt at most every `todayEveryMs` — a report over past days never
 * needs them.
 */
import type { Clock } from '../ports/clock.js';
import type { KpiDayStore } from '../ports/kpi-day-store.js';
import { localDayOf } from '../../analytics/season/kpi-day.js';

export interface KpiDayUpkeepOptions {
  readonly intervalMs: number;
  readonly busyPauseMs: number;
  readonly maxUnitDays: number;
  readonly todayEveryMs: number;
  readonly passTargetMs: number;
}
export const DEFAULT_KPI_DAY_UPKEEP: KpiDayUpkeepOptions = { intervalMs: 5000, busyPauseMs: 250, maxUnitDays: 40, todayEveryMs: 60_000, passTargetMs: 2000 };

export interface KpiDayUpkeep {
  /** One pass now (what the timer runs): unit-days rebuilt. */
  pass(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createKpiDayUpkeep(deps: {
  store: KpiDayStore; clock: Clock; wallNowMs?: () => number; options?: Partial<KpiDayUpkeepOptions>; onError: (e: unknown) => void; onPass?: (rebuilt: number, ms: number) => void;
}): KpiDayUpkeep {
  const o = { ...DEFAULT_KPI_DAY_UPKEEP, ...deps.options };
  const wallNow = deps.wallNowMs ?? (() => Date.now());
  let lastTodayMs = -Infinity;
  let budget = o.maxUnitDays;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;
  let busy = false;

  async function pass(): Promise<number> {
    const t0 = wallNow();
    const today = localDayOf(deps.clock.nowMs());
    const max = budget;
    let rebuilt = await deps.store.refreshKpiDays({ maxUnitDays: max, beforeDay: today });
    if (rebuilt < max && wallNow() - lastTodayMs >= o.todayEveryMs) {
      lastTodayMs = wallNow();
      rebuilt += await deps.store.refreshKpiDays({ maxUnitDays: max - rebuilt });
    }
    const ms = wallNow() - t0;
    if (ms > o.passTargetMs) budget = Math.max(1, Math.floor(budget / 2));
    else if (ms < o.passTargetMs / 2) budget = Math.min(o.maxUnitDays, budget * 2);
    deps.onPass?.(rebuilt, ms);
    busy = rebuilt >= max;
    return rebuilt;
  }
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      const p = pass().then(() => busy, (e: unknown) => { deps.onError(e); return false; });
      running = p;
      void p.then((busy) => { running = null; schedule(busy ? o.busyPauseMs : o.intervalMs); });
    }, ms);
    timer.unref?.();
  };

  return {
    pass,
    start() { if (!stopped) return; stopped = false; schedule(o.intervalMs); },
    async stop() { stopped = true; if (timer) clearTimeout(timer); await running; },
  };
}
