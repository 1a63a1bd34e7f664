/**
 * GET /api/v1/forecast/outdoor on the real platform (demo fleet, real DuckDB store, real HTTP): without a feed the
 * forecast rests on the demo units' own outdoor sensors; with HEATFLEET_WEATHER_FEED_URL pointing at a server that
 * answers in the Open-Meteo format, on the feed; a feed that fails is named and the observations take over.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail } from '../src/contract/commands-api.js';
import type { OutdoorForecast } from '../src/contract/weather-forecast.js';
import { startPlatform, type RunningPlatform } from '../src/main/platform.js';
import { loginAs } from './support/api-session.js';

const START = '2019-01-10T00:00:00+08:00';
const HOUR = 3_600_000;

async function platform(env: Record<string, string>): Promise<RunningPlatform> {
  const p = await startPlatform({ dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: 4, demoSpeed: 60, demoStart: START, logLevel: 'silent', adminPassword: 'forecast-api-admin', env });
  await p.demo?.ready;
  return p;
}
/** Planned electricity (kWh) of the first demo village for the local day after the platform's today. */
async function plannedKWhTomorrow(p: RunningPlatform): Promise<number> {
  const op = await operatorOf(p);
  const day = new Date(p.clock.nowMs() + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
  const created = await op.send<{ items: { id: string }[] }>('POST', '/api/v1/dispatch/plans', { villageId: 'yq-zhangshanying', day });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  let kWh = 0;
  for (const { id } of created.body.items) {
    const plan = (await op.get<PlanDetail>(`/api/v1/dispatch/plans/${id}`)).body;
    for (const h of plan.households) kWh += h.powerW.reduce((a, w) => a + w, 0) * (plan.slotS / 3600) / 1000;
  }
  return kWh;
}
let typicalYearPlanKWh = 0;

const operatorOf = (p: RunningPlatform) => loginAs(p.url, 'operator', p.demoCredentials.find((c) => c.username === 'operator')?.password ?? '');

describe('outdoor forecast for the planners', () => {
  let feedServer: Server;
  let feedUrl = '';
  let feedStatus = 200;
  beforeAll(async () => {
    // Answers like Open-Meteo with timezone=GMT: a cold spell at −20 °C over the demo's days.
    feedServer = createServer((_req, res) => {
      const from = Date.parse(START) - 2 * 24 * HOUR;
      const time = Array.from({ length: 24 * 10 }, (_, k) => new Date(from + k * HOUR).toISOString().slice(0, 16));
      res.writeHead(feedStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ utc_offset_seconds: 0, hourly_units: { temperature_2m: '°C' }, hourly: { time, temperature_2m: time.map(() => -20) } }));
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/v1/forecast?latitude=39.9&longitude=116.3&hourly=temperature_2m`;
  });
  afterAll(() => new Promise<void>((resolve) => feedServer.close(() => resolve())));

  it("without a feed: the typical year corrected by the demo units' measured outdoor temperatures", async () => {
    const p = await platform({});
    try {
      const op = await operatorOf(p);
      const res = await op.get<OutdoorForecast>('/api/v1/forecast/outdoor?hours=24');
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('observations');
      expect(res.body.feed).toBeNull();
      expect(res.body.observations).toBeGreaterThan(0);
      expect(Number.isFinite(res.body.observedAnomalyK)).toBe(true);
      expect(res.body.points).toHaveLength(24);
      const bad = await op.get('/api/v1/forecast/outdoor?hours=500');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toMatch(/hours/);
      typicalYearPlanKWh = await plannedKWhTomorrow(p);
      expect(typicalYearPlanKWh).toBeGreaterThan(0);
    } finally {
      await p.close();
    }
  }, 240_000);

  it('with a feed: plans on it; when it fails, says so and falls back to the observations', async () => {
    feedStatus = 200;
    const p = await platform({ HEATFLEET_WEATHER_FEED_URL: feedUrl });
    try {
      const op = await operatorOf(p);
      const res = await op.get<OutdoorForecast>('/api/v1/forecast/outdoor?hours=12');
      expect(res.body).toMatchObject({ source: 'feed', feedProblem: null });
      expect(res.body.feed).toMatch(/^Open-Meteo format from 127\.0\.0\.1:\d+\/v1\/forecast$/);
      for (const pt of res.body.points) expect(pt.tempC).toBeCloseTo(-20, 6);
      // The plan is made on the feed's cold spell: more electricity than on the (milder) observation-based forecast.
      expect(await plannedKWhTomorrow(p)).toBeGreaterThan(typicalYearPlanKWh * 1.1);
    } finally {
      await p.close();
    }
    feedStatus = 500;
    const q = await platform({ HEATFLEET_WEATHER_FEED_URL: feedUrl });
    try {
      const res = await (await operatorOf(q)).get<OutdoorForecast>('/api/v1/forecast/outdoor');
      expect(res.body.source).toBe('observations');
      expect(res.body.feedProblem).toBe('fetch failed: HTTP 500 from ' + new URL(feedUrl).host);
    } finally {
      await q.close();
    }
  }, 360_000);
});
