/** Expected vs actual off the request path: cache keyed by what determines a result, a queue with progress, bounded waits. */
import { describe, expect, it } from 'vitest';
import type { ExpectedVsActual } from '../../analytics/fleet-eval/expected-vs-actual.js';
import type { EvaluatedUnit } from '../../analytics/fleet-eval/evaluated-unit.js';
import { buildUnit } from '../../analytics/fleet-eval/test-population.js';
import { createExpectedRuns, expectedKeyOf } from './expected-runs.js';
import type { StoredTwinResult, TwinResultStore } from '../ports/twin-result-store.js';
import type { TwinJob, TwinRunner } from './twin-runner.js';

const units: EvaluatedUnit[] = ['u1', 'u2', 'u3'].map((id) => buildUnit({ id, spf: 3 }).evaluated);
const store = { queryRollup: () => Promise.resolve([]) };

/** A runner whose jobs finish when the test says so: the test controls time, not a timer. */
function gatedRunner(slots = 1) {
  const waiting: { job: TwinJob; finish: (fail?: string) => void }[] = [];
  const started: string[] = [];
  const runner: TwinRunner = {
    slots,
    run: (job) => new Promise<ExpectedVsActual>((resolve, reject) => {
      started.push(job.unit.id);
      waiting.push({ job, finish: (fail) => (fail ? reject(new Error(fail)) : resolve({ unitId: job.unit.id, boundary: job.boundary, actual: {}, causes: [] } as unknown as ExpectedVsActual)) });
    }),
    close: () => Promise.resolve(),
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const finishNext = async (fail?: string) => { const w = waiting.shift(); if (!w) throw new Error('no job running'); w.finish(fail); await settle(); await settle(); };
  return { runner, started, waiting, finishNext, settle };
}

describe('expected-vs-actual runs', () => {
  it('answers at once with the progress, and returns each result from the cache once the twin has run', async () => {
    const g = gatedRunner();
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 0 } });
    const first = await runs.lookup(units, 'h2');
    expect(first.progress).toEqual({ state: 'computing', total: 3, done: 0, pending: 3, failed: 0, queuedAhead: 0 });
    expect(first.pending).toEqual(['u1', 'u2', 'u3']);
    await g.settle();
    expect(g.started).toEqual(['u1']); // one slot: one run at a time
    await g.finishNext();
    const second = await runs.lookup(units, 'h2');
    expect(second.progress).toMatchObject({ state: 'computing', done: 1, pending: 2 });
    expect(second.results.get('u1')?.cached).toBe(true);
    await g.finishNext(); await g.finishNext();
    const third = await runs.lookup(units, 'h2');
    expect(third.progress).toMatchObject({ state: 'complete', done: 3, pending: 0 });
    expect(g.started).toEqual(['u1', 'u2', 'u3']); // asking again did not run anything twice
  });

  it('waits up to waitMs for its own runs and marks them as computed now', async () => {
    const g = gatedRunner();
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 60_000 } });
    const asked = runs.lookup([units[0] as EvaluatedUnit], 'h2');
    await g.settle();
    await g.finishNext();
    const r = await asked;
    expect(r.progress.state).toBe('complete');
    expect(r.results.get('u1')?.cached).toBe(false);
  });

  it('puts one unit\'s page ahead of a queued fleet ranking and says how many runs are ahead', async () => {
    const g = gatedRunner();
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 0 } });
    const many = Array.from({ length: 5 }, (_, i) => buildUnit({ id: `f${i}`, spf: 3 }).evaluated);
    await runs.lookup(many, 'h2');
    await g.settle();
    const page = await runs.lookup([units[2] as EvaluatedUnit], 'h2', { urgent: true });
    expect(page.progress.queuedAhead).toBe(0);
    const later = await runs.lookup([units[1] as EvaluatedUnit], 'h2');
    expect(later.progress.queuedAhead).toBe(5); // u3 and f1..f4 queued before it (f0 is running)
    await g.finishNext();
    expect(g.started).toEqual(['f0', 'u3']);
  });

  it('reports a failed run once, then retries it when asked again', async () => {
    const g = gatedRunner();
    const errors: unknown[] = [];
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 0 }, onError: (e) => errors.push(e) });
    const u = [units[0] as EvaluatedUnit];
    await runs.lookup(u, 'h2');
    await g.settle();
    await g.finishNext('worker died');
    const failed = await runs.lookup(u, 'h2');
    expect([...failed.failed]).toEqual([['u1', 'worker died']]);
    expect(failed.progress).toMatchObject({ state: 'complete', failed: 1, done: 0, pending: 0 });
    expect(errors).toHaveLength(1);
    const retried = await runs.lookup(u, 'h2');
    expect(retried.progress).toMatchObject({ state: 'computing', pending: 1, failed: 0 });
  });

  it('keys the cache by what determines the result: new data, another boundary or building run the twin again', () => {
    const u = units[0] as EvaluatedUnit;
    const more = buildUnit({ id: 'u1', spf: 3, coverage: 0.9 }).evaluated;
    const withBuilding: EvaluatedUnit = { ...u, building: { id: 'b1', siteId: u.unit.siteId, heatedAreaM2: 100, constructionYear: 2000, envelope: 'uninsulated', storeys: 1, thermalMass: 'heavy' } };
    const key = expectedKeyOf(u, 'h2');
    expect(expectedKeyOf(buildUnit({ id: 'u1', spf: 3 }).evaluated, 'h2')).toBe(key); // same inputs, same key
    expect(new Set([key, expectedKeyOf(more, 'h2'), expectedKeyOf(u, 'h4'), expectedKeyOf(withBuilding, 'h2'), expectedKeyOf({ ...u, unit: { ...u.unit, nominalCapacityKw: 14 } }, 'h2')]).size).toBe(5);
  });

  it('drops the least recently used result beyond cacheEntries', async () => {
    const g = gatedRunner(3);
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 0, cacheEntries: 2 } });
    await runs.lookup(units, 'h2');
    await g.settle();
    await g.finishNext(); await g.finishNext(); await g.finishNext();
    const again = await runs.lookup(units, 'h2');
    expect(again.progress).toMatchObject({ done: 2, pending: 1 });
    expect(again.results.has('u1')).toBe(false);
  });

  it('stop() drops the queue; nothing runs after it', async () => {
    const g = gatedRunner();
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 0 } });
    await runs.lookup(units, 'h2');
    await g.settle();
    await runs.stop();
    await g.finishNext();
    expect(g.started).toEqual(['u1']);
  });
});

/** The port's behaviour in memory (the DuckDB adapter passes the same contract: src/storage/contract). */
function memoryResultStore(o: { failGet?: boolean } = {}) {
  const rows = new Map<string, StoredTwinResult>();
  const store: TwinResultStore = {
    get: (keys) => o.failGet ? Promise.reject(new Error('store unreachable')) : Promise.resolve(new Map(keys.flatMap((k) => { const r = rows.get(k); return r ? [[k, r.resultJson] as const] : []; }))),
    put: (rs) => { for (const r of rs) { for (const [k, x] of rows) if (x.slot === r.slot) rows.delete(k); rows.set(r.key, r); } return Promise.resolve(); },
    drop: (keys) => { for (const k of keys) rows.delete(k); return Promise.resolve(); },
    prune: () => Promise.resolve(0),
    count: () => Promise.resolve(rows.size),
  };
  return { store, rows };
}
const clock = { nowMs: () => Date.UTC(2025, 0, 10) };

describe('expected-vs-actual runs kept in a TwinResultStore', () => {
  const finishAll = async (g: ReturnType<typeof gatedRunner>) => { while (g.waiting.length > 0) await g.finishNext(); };

  it('a restarted instance answers from the store at once, without running the twin again', async () => {
    const { store: kept, rows } = memoryResultStore();
    const g1 = gatedRunner(3);
    const before = createExpectedRuns({ store, runner: g1.runner, options: { waitMs: 0 }, results: { store: kept, resultVersion: 'v1', clock } }).lookup(units, 'h2');
    await before;
    await g1.settle();
    await finishAll(g1);
    expect(rows.size).toBe(3);

    const g2 = gatedRunner(3);
    const restarted = createExpectedRuns({ store, runner: g2.runner, options: { waitMs: 0 }, results: { store: kept, resultVersion: 'v1', clock } });
    const r = await restarted.lookup(units, 'h2');
    expect(r.progress).toEqual({ state: 'complete', total: 3, done: 3, pending: 0, failed: 0, queuedAhead: 0 });
    expect([...r.results.values()].every((x) => x.cached)).toBe(true);
    expect(r.results.get('u2')?.result).toMatchObject({ unitId: 'u2', boundary: 'h2' });
    await g2.settle();
    expect(g2.started).toEqual([]);
    expect(restarted.counts()).toEqual({ twinRuns: 0, restored: 3, unreadable: 0 });
  });

  it('does not serve a stored result whose inputs or twin version changed, and the new result replaces it', async () => {
    const { store: kept, rows } = memoryResultStore();
    const g1 = gatedRunner();
    await createExpectedRuns({ store, runner: g1.runner, options: { waitMs: 0 }, results: { store: kept, resultVersion: 'v1', clock } }).lookup([units[0] as EvaluatedUnit], 'h2');
    await g1.settle();
    await finishAll(g1);

    const g2 = gatedRunner();
    const newBuild = createExpectedRuns({ store, runner: g2.runner, options: { waitMs: 0 }, results: { store: kept, resultVersion: 'v2', clock } });
    expect((await newBuild.lookup([units[0] as EvaluatedUnit], 'h2')).progress.state).toBe('computing');
    const newData = buildUnit({ id: 'u1', spf: 3, coverage: 0.9 }).evaluated; // other KPIs: another key
    const g3 = gatedRunner();
    const sameBuild = createExpectedRuns({ store, runner: g3.runner, options: { waitMs: 0 }, results: { store: kept, resultVersion: 'v1', clock } });
    expect((await sameBuild.lookup([newData], 'h2')).pending).toEqual(['u1']);
    await g3.settle();
    await finishAll(g3);
    expect([...rows.keys()]).toEqual([`v1|${expectedKeyOf(newData, 'h2')}`]); // one current result per slot
  });

  it('drops a stored result that does not fit and computes it again', async () => {
    const { store: kept, rows } = memoryResultStore();
    const key = `v1|${expectedKeyOf(units[0] as EvaluatedUnit, 'h2')}`;
    rows.set(key, { key, slot: 's', unitId: 'u1', storedAtMs: 0, resultJson: JSON.stringify({ unitId: 'another-unit', boundary: 'h2', causes: [], actual: {} }) });
    const g = gatedRunner();
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 0 }, results: { store: kept, resultVersion: 'v1', clock } });
    expect((await runs.lookup([units[0] as EvaluatedUnit], 'h2')).pending).toEqual(['u1']);
    expect(rows.has(key)).toBe(false);
    expect(runs.counts()).toMatchObject({ unreadable: 1, restored: 0 });
  });

  it('computes as before when the store cannot be read, and reports the error', async () => {
    const { store: kept } = memoryResultStore({ failGet: true });
    const errors: unknown[] = [];
    const g = gatedRunner();
    const runs = createExpectedRuns({ store, runner: g.runner, options: { waitMs: 0 }, onError: (e) => errors.push(e), results: { store: kept, resultVersion: 'v1', clock } });
    expect((await runs.lookup([units[0] as EvaluatedUnit], 'h2')).pending).toEqual(['u1']);
    expect(String(errors[0])).toMatch(/store unreachable/);
    await g.settle();
    await g.finishNext();
    expect(runs.counts().twinRuns).toBe(1);
  });
});
