import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyWeatherSample, parseEpw, sampleWeather } from '../../sim/index.js';
import type { FeedPoint } from '../../optimize/forecast/index.js';
import { fixedClock } from '../ports/clock.js';
import type { RollupQuery, RollupRow } from '../ports/telemetry-store.js';
import { createPlanningWeather } from './planning-weather.js';

const typical = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const NOW = Date.parse('2019-01-10T12:00:00+08:00');
const HOUR = 3_600_000;
const typicalAt = (ts: number) => sampleWeather(typical, ts, emptyWeatherSample()).tempC;
const at = (w: typeof typical, ts: number) => sampleWeather(w, ts, emptyWeatherSample()).tempC;

/** A store holding hourly outdoor means: every unit 5 K colder than the typical year, one broken sensor at +45 °C. */
function telemetryWithObservations(units: readonly string[], broken: string) {
  const asked: RollupQuery[] = [];
  return {
    asked,
    async queryRollup(q: RollupQuery): Promise<RollupRow[]> {
      asked.push(q);
      const rows: RollupRow[] = [];
      for (const unitId of q.unitIds) {
        for (let h = q.fromMs; h < q.toMs; h += HOUR) {
          const avg = unitId === broken ? 45 : typicalAt(h + HOUR / 2) - 5;
          rows.push({ unitId, bucketStartMs: h, channels: { outdoorTempC: { avg, min: avg, max: avg, n: 60 } } });
        }
      }
      return rows;
    },
  };
}
const noTelemetry = { queryRollup: async () => [] as RollupRow[] };

function feedOf(points: () => FeedPoint[] | Error) {
  return { source: 'test feed (local)', fetchForecast: async () => { const p = points(); if (p instanceof Error) throw p; return p; } };
}
const coldFeed = (fromMs: number, hours: number) => Array.from({ length: hours }, (_, k) => ({ tsMs: fromMs + k * HOUR, tempC: -18 }));

describe('planning weather (typical year + fleet observations + optional feed)', () => {
  it('is the typical year without observations or feed, and says so', async () => {
    const w = createPlanningWeather({ typical, feed: null, telemetry: noTelemetry, unitIds: () => [], clock: fixedClock(NOW) });
    expect(w.current()).toBe(typical);
    const s = await w.refresh();
    expect(s).toMatchObject({ source: 'typical-year', issuedMs: NOW, feed: null, observations: 0, observedAnomalyK: null });
    expect(w.current().tempC).toEqual(typical.tempC);
  });

  it("carries the fleet's measured anomaly forward; one broken sensor does not move it", async () => {
    const t = telemetryWithObservations(['a', 'b', 'c'], 'c');
    const w = createPlanningWeather({ typical, feed: null, telemetry: t, unitIds: () => ['c', 'b', 'a'], clock: fixedClock(NOW) });
    const s = await w.refresh();
    expect(s.source).toBe('observations');
    expect(s.observations).toBe(6);
    // Median of (−5, −5, +45 − typical) per hour is −5 K.
    expect(s.observedAnomalyK).toBeCloseTo(-5, 1);
    expect(at(w.current(), NOW + 6 * HOUR) - typicalAt(NOW + 6 * HOUR)).toBeCloseTo(-5 * Math.exp(-6 / 48), 1);
    expect(t.asked[0]).toMatchObject({ resolution: '1h', toMs: NOW, fromMs: NOW - 6 * HOUR });
  });

  it('plans on the feed when it covers the planning time, and keeps the last good one through a failed fetch', async () => {
    const clock = fixedClock(NOW);
    let reply: FeedPoint[] | Error = coldFeed(NOW - HOUR, 48);
    const w = createPlanningWeather({ typical, feed: feedOf(() => reply), telemetry: noTelemetry, unitIds: () => [], clock });
    expect(await w.refresh()).toMatchObject({ source: 'feed', feed: 'test feed (local)', feedProblem: null, feedFetchedMs: NOW });
    expect(at(w.current(), NOW + 10 * HOUR)).toBeCloseTo(-18, 9);
    reply = new Error('HTTP 503 from the feed');
    clock.advance(2 * HOUR);
    const s = await w.refresh();
    expect(s).toMatchObject({ source: 'feed', feedFetchedMs: NOW, feedProblem: 'fetch failed: HTTP 503 from the feed' });
    expect(at(w.current(), NOW + 10 * HOUR)).toBeCloseTo(-18, 9);
  });

  it('falls back to the observations when the feed is stale, does not cover now, or has bad points — naming why', async () => {
    const clock = fixedClock(NOW);
    let reply: FeedPoint[] | Error = coldFeed(NOW - HOUR, 48);
    const t = telemetryWithObservations(['a'], 'none');
    const w = createPlanningWeather({ typical, feed: feedOf(() => reply), telemetry: t, unitIds: () => ['a'], clock, maxFeedAgeH: 12 });
    await w.refresh();
    reply = new Error('timeout');
    clock.advance(13 * HOUR);
    const stale = await w.refresh();
    expect(stale.source).toBe('observations');
    expect(stale.feedProblem).toBe('fetch failed: timeout');
    reply = coldFeed(NOW + 40 * HOUR, 48);
    const notCovering = await w.refresh();
    expect(notCovering.source).toBe('observations');
    expect(notCovering.feedProblem).toMatch(/does not cover the planning time/);
    reply = [{ tsMs: NOW + 12 * HOUR, tempC: 300 }, { tsMs: NOW + 14 * HOUR, tempC: -1 }];
    clock.set(NOW + 13 * HOUR);
    const bad = await w.refresh();
    expect(bad.source).toBe('observations');
    expect(bad.feedProblem).toMatch(/point 0: temperature 300 °C is outside/);
    expect(at(w.current(), NOW + 14 * HOUR) - typicalAt(NOW + 14 * HOUR)).toBeCloseTo(-5 * Math.exp(-1 / 48), 1);
  });
});
