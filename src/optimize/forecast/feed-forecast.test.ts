import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyWeatherSample, parseEpw, sampleWeather } from '../../sim/index.js';
import { feedForecast, feedPointIssues } from './feed-forecast.js';

const typical = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const ISSUED = Date.parse('2019-01-10T00:00:00+08:00');
const HOUR = 3_600_000;
const at = (w: typeof typical, ts: number) => sampleWeather(w, ts, emptyWeatherSample()).tempC;

describe('outdoor temperature forecast from a weather feed', () => {
  it('follows the feed where it reaches, between its hourly points too', () => {
    const feed = Array.from({ length: 25 }, (_, k) => ({ tsMs: ISSUED + k * HOUR, tempC: -15 + 0.5 * k }));
    const f = feedForecast(typical, feed, [], { issuedMs: ISSUED });
    expect(at(f, ISSUED + 3 * HOUR)).toBeCloseTo(-13.5, 9);
    expect(at(f, ISSUED + 3.5 * HOUR)).toBeCloseTo(-13.25, 9);
    expect(at(f, ISSUED + 24 * HOUR)).toBeCloseTo(-3, 9);
  });
  it("lets the feed's last anomaly decay to climatology after its end", () => {
    const end = ISSUED + 12 * HOUR;
    const feed = Array.from({ length: 13 }, (_, k) => ({ tsMs: ISSUED + k * HOUR, tempC: at(typical, ISSUED + k * HOUR) - 6 }));
    const f = feedForecast(typical, feed, [], { issuedMs: ISSUED, decayH: 24 });
    expect(at(f, end + 24 * HOUR) - at(typical, end + 24 * HOUR)).toBeCloseTo(-6 * Math.exp(-1), 6);
    // Beyond the horizon (48 h): the typical year again.
    expect(at(f, ISSUED + 80 * HOUR)).toBeCloseTo(at(typical, ISSUED + 80 * HOUR), 9);
  });
  it('uses the observed anomaly before a feed that starts later, and is the observation forecast without a feed', () => {
    const obs = Array.from({ length: 6 }, (_, k) => ({ tsMs: ISSUED - k * HOUR, tempC: at(typical, ISSUED - k * HOUR) + 3 }));
    const feed = [{ tsMs: ISSUED + 6 * HOUR, tempC: -20 }, { tsMs: ISSUED + 7 * HOUR, tempC: -20 }];
    const f = feedForecast(typical, feed, obs, { issuedMs: ISSUED, decayH: 48 });
    expect(at(f, ISSUED + 2 * HOUR) - at(typical, ISSUED + 2 * HOUR)).toBeCloseTo(3 * Math.exp(-2 / 48), 6);
    expect(at(f, ISSUED + 6.5 * HOUR)).toBeCloseTo(-20, 9);
    const none = feedForecast(typical, [], obs, { issuedMs: ISSUED });
    expect(at(none, ISSUED + 2 * HOUR) - at(typical, ISSUED + 2 * HOUR)).toBeCloseTo(3 * Math.exp(-2 / 48), 6);
  });
  it('refuses a feed with a non-number, an impossible temperature or times out of order, naming the point', () => {
    expect(feedPointIssues([{ tsMs: ISSUED, tempC: 1 }, { tsMs: ISSUED + HOUR, tempC: 2 }])).toEqual([]);
    expect(feedPointIssues([{ tsMs: ISSUED, tempC: 1 }, { tsMs: ISSUED, tempC: 2 }])[0]).toMatch(/point 1 .*times must increase/);
    expect(feedPointIssues([{ tsMs: ISSUED, tempC: 273.15 }])[0]).toMatch(/point 0: temperature 273.15 °C is outside/);
    expect(() => feedForecast(typical, [{ tsMs: ISSUED, tempC: Number.NaN }], [], { issuedMs: ISSUED })).toThrow(/weather feed: point 0: temperature NaN/);
  });
});
