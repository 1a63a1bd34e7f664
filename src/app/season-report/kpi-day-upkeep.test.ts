/** Background upkeep of the day aggregates: bounded passes, past days first, today's live days at a slower pace. */
import { describe, expect, it } from 'vitest';
import { localDayOf } from '../../analytics/season/kpi-day.js';
import type { KpiDayRefreshLimit, KpiDayStore } from '../ports/kpi-day-store.js';
import { createKpiDayUpkeep } from './kpi-day-upkeep.js';

const NOW_MS = Date.parse('2018-12-20T10:00:00+08:00');
const TODAY = localDayOf(NOW_MS);

/** A store with `past` dirty unit-days before today and `today` dirty ones today; records each call's limit. */
function fakeStore(dirty: { past: number; today: number }) {
  const calls: (KpiDayRefreshLimit | undefined)[] = [];
  const store: KpiDayStore = {
    queryKpiDays: () => Promise.resolve([]),
    refreshKpiDays: (limit) => {
      calls.push(limit);
      const max = limit?.maxUnitDays ?? Infinity;
      const fromPast = Math.min(dirty.past, max);
      dirty.past -= fromPast;
      const fromToday = limit?.beforeDay !== undefined && limit.beforeDay <= TODAY ? 0 : Math.min(dirty.today, max - fromPast);
      dirty.today -= fromToday;
      return Promise.resolve(fromPast + fromToday);
    },
  };
  return { store, calls, dirty };
}

describe('kpi_day upkeep', () => {
  it('rebuilds past days in bounded passes before today, then today only every todayEveryMs', async () => {
    const f = fakeStore({ past: 50, today: 10 });
    let wallMs = 0;
    const upkeep = createKpiDayUpkeep({ store: f.store, clock: { nowMs: () => NOW_MS }, wallNowMs: () => wallMs, options: { maxUnitDays: 20, todayEveryMs: 60_000 }, onError: (e) => { throw e; } });
    expect(await upkeep.pass()).toBe(20);
    expect(await upkeep.pass()).toBe(20);
    expect(f.calls.every((c) => c?.maxUnitDays === 20 && c.beforeDay === TODAY)).toBe(true);
    expect(await upkeep.pass()).toBe(20); // 10 past, then the budget left goes to today
    expect(f.calls.at(-1)).toEqual({ maxUnitDays: 10 });
    expect(f.dirty).toEqual({ past: 0, today: 0 });
    f.dirty.today = 10; // live readings keep today dirty
    wallMs = 30_000;
    expect(await upkeep.pass()).toBe(0); // too soon for today again
    wallMs = 61_000;
    expect(await upkeep.pass()).toBe(10);
  });

  it('halves its budget after a pass over passTargetMs and grows it back after quick ones', async () => {
    const f = fakeStore({ past: 1000, today: 0 });
    let wallMs = 0;
    let msPerUnitDay = 100;
    const slow: KpiDayStore = { ...f.store, refreshKpiDays: async (l) => { const n = await f.store.refreshKpiDays(l); wallMs += n * msPerUnitDay; return n; } };
    const upkeep = createKpiDayUpkeep({ store: slow, clock: { nowMs: () => NOW_MS }, wallNowMs: () => wallMs, options: { maxUnitDays: 40, passTargetMs: 2000 }, onError: (e) => { throw e; } });
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) sizes.push(await upkeep.pass()); // 4 s: halved; then 2 s: at the target, kept
    expect(sizes).toEqual([40, 20, 20]);
    msPerUnitDay = 10; // quick passes (0.2 s): the budget doubles back to the ceiling
    for (let i = 0; i < 3; i++) sizes.push(await upkeep.pass());
    expect(sizes.slice(3)).toEqual([20, 40, 40]);
  });

  it('runs on its timer until stopped, and reports a failing pass without stopping', async () => {
    const f = fakeStore({ past: 3, today: 0 });
    const errors: unknown[] = [];
    let failOnce = true;
    const store: KpiDayStore = { ...f.store, refreshKpiDays: (l) => (failOnce ? ((failOnce = false), Promise.reject(new Error('disk full'))) : f.store.refreshKpiDays(l)) };
    const passes: number[] = [];
    const upkeep = createKpiDayUpkeep({ store, clock: { nowMs: () => NOW_MS }, options: { intervalMs: 5, busyPauseMs: 1, maxUnitDays: 2 }, onError: (e) => errors.push(e), onPass: (n) => passes.push(n) });
    upkeep.start();
    await new Promise((r) => setTimeout(r, 100));
    await upkeep.stop();
    const after = f.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(f.calls.length).toBe(after);
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
    expect(passes.slice(0, 2)).toEqual([2, 1]);
    expect(f.dirty.past).toBe(0);
  });
});
