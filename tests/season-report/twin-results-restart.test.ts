/**
 * Expected vs actual survives a restart: the real platform (demo fleet, DuckDB in a data directory, the twin in its
 * worker thread) computes a fleet's expected-vs-actual ranking, stops, starts again on the same data directory and
 * answers the same request at once from the stored twin results — observed through the answer's `twin` progress
 * (`fromCache`: results that existed before the request), not through timing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ShortfallRankingWire } from '../../src/contract/season-report.js';
import { startPlatform, type RunningPlatform } from '../../src/main/platform.js';
import { loginAs } from '../support/api-session.js';

// Two whole past days of the demo's backfill (it starts 2018-12-20 and backfills 3 days): no new reading lands in them.
const RANKING = '/api/v1/performance/expected-vs-actual?from=2018-12-17&to=2018-12-19';

describe('twin results kept across a restart', { timeout: 600_000 }, () => {
  let dataDir = '';
  let p: RunningPlatform | null = null;
  afterAll(async () => {
    await p?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    p = await startPlatform({
      dataDir, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 4, demoBackfillDays: 3, demoSpeed: 60, logLevel: 'silent',
      adminPassword: 'twin-restart-admin', rateLimitPerMinute: 100_000, env: {},
    });
    await p.demo?.ready;
    const password = p.demoCredentials.find((c) => c.username === 'regulator')?.password ?? '';
    return loginAs(p.url, 'regulator', password);
  };
  const ranking = async (s: Awaited<ReturnType<typeof start>>) => {
    const r = await s.get<ShortfallRankingWire>(RANKING);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  it('answers with the finished results after a restart without running the twin again', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'heatfleet-twin-restart-'));
    let s = await start();
    const first = await ranking(s);
    expect(first.twin.total).toBe(4);
    expect(first.twin.fromCache).toBe(0); // a fresh store: nothing was computed before
    let done = first;
    for (let i = 0; i < 240 && done.twin.state !== 'complete'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      done = await ranking(s);
    }
    expect(done.twin).toMatchObject({ state: 'complete', done: 4, failed: 0 });
    await p?.close();
    p = null;

    s = await start();
    const again = await ranking(s);
    expect(again.twin).toMatchObject({ state: 'complete', total: 4, done: 4, pending: 0, failed: 0, fromCache: 4 });
    expect(again.notComputed).toEqual([]);
    expect(again.ranked).toEqual(done.ranked);
    expect(again.notEvaluable).toEqual(done.notEvaluable);
  });
});
