import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMeteoFeed, parseOpenMeteo } from './open-meteo-feed.js';

/** A local HTTP server answering like the Open-Meteo forecast API (the real client talks real HTTP to it). */
let server: Server;
let base = '';
let answer: { status: number; body: string } = { status: 200, body: '{}' };
beforeAll(async () => {
  server = createServer((_req, res) => { res.writeHead(answer.status, { 'content-type': 'application/json' }); res.end(answer.body); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const beijing = {
  latitude: 39.9, longitude: 116.4, utc_offset_seconds: 28_800, timezone: 'Asia/Shanghai',
  hourly_units: { time: 'iso8601', temperature_2m: '°C' },
  hourly: { time: ['2026-11-24T00:00', '2026-11-24T01:00', '2026-11-24T02:00'], temperature_2m: [-3.5, null, -4.25] },
};

describe('Open-Meteo weather feed', () => {
  it('reads local ISO times with the UTC offset, skips hours without a value', async () => {
    answer = { status: 200, body: JSON.stringify(beijing) };
    const feed = openMeteoFeed({ url: `${base}/v1/forecast?latitude=39.9&longitude=116.4&hourly=temperature_2m&apikey=secret` });
    expect(feed.source).toBe(`Open-Meteo format from ${base.replace('http://', '')}/v1/forecast`);
    expect(await feed.fetchForecast()).toEqual([
      { tsMs: Date.parse('2026-11-24T00:00:00+08:00'), tempC: -3.5 },
      { tsMs: Date.parse('2026-11-24T02:00:00+08:00'), tempC: -4.25 },
    ]);
  });
  it('reads Unix-second times', () => {
    expect(parseOpenMeteo({ hourly: { time: [1_764_000_000], temperature_2m: [1] } })).toEqual([{ tsMs: 1_764_000_000_000, tempC: 1 }]);
  });
  it('names what is wrong: HTTP status, not JSON, missing field, wrong unit, length mismatch, bad URL', async () => {
    const feed = openMeteoFeed({ url: `${base}/v1/forecast` });
    answer = { status: 503, body: 'busy' };
    await expect(feed.fetchForecast()).rejects.toThrow(/HTTP 503 from 127\.0\.0\.1/);
    answer = { status: 200, body: '<html>' };
    await expect(feed.fetchForecast()).rejects.toThrow(/is not JSON/);
    answer = { status: 200, body: JSON.stringify({ hourly: { time: ['2026-11-24T00:00'] } }) };
    await expect(feed.fetchForecast()).rejects.toThrow(/hourly\.temperature_2m/);
    expect(() => parseOpenMeteo({ ...beijing, hourly_units: { temperature_2m: '°F' } })).toThrow(/"°F", expected "°C"/);
    expect(() => parseOpenMeteo({ hourly: { time: ['2026-11-24T00:00'], temperature_2m: [1, 2] } })).toThrow(/2 values for 1 times/);
    expect(() => parseOpenMeteo({ hourly: { time: ['24.11.2026 00:00'], temperature_2m: [1] } })).toThrow(/hourly\.time\.0/);
    expect(() => openMeteoFeed({ url: 'file:///etc/passwd' })).toThrow(/only http and https/);
  });
  it('gives up after the timeout instead of hanging the planner', async () => {
    const slow = createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const feed = openMeteoFeed({ url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`, timeoutMs: 200 });
      await expect(feed.fetchForecast()).rejects.toThrow(/timeout|aborted/i);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});
