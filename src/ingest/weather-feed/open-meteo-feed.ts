/**
 * Weather feed adapter for the Open-Meteo forecast API's JSON (https://open-meteo.com/en/docs): `hourly.time` as ISO
 * local times (shifted by `utc_offset_seconds`) or Unix seconds (`timeformat=unixtime`), `hourly.temperature_2m` in
 * °C. Any server answering in that format works (a self-hosted Open-Meteo, a provincial meteorological bureau behind a
 * converter). The answer is validated with zod; every failure names what was wrong. docs/weather-forecast.md.
 */
import { z } from 'zod';
import type { FeedPoint } from '../../optimize/forecast/index.js';
import type { WeatherFeed } from '../../app/ports/weather-feed.js';

const OpenMeteoHourly = z.object({
  utc_offset_seconds: z.number().int().min(-50_400).max(50_400).default(0),
  hourly_units: z.object({ temperature_2m: z.string().optional() }).partial().optional(),
  hourly: z.object({
    time: z.array(z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'ISO local time YYYY-MM-DDTHH:MM'), z.number().int()])).min(1),
    temperature_2m: z.array(z.number().nullable()),
  }),
});

export interface OpenMeteoFeedOptions {
  readonly url: string;
  /** Abort a request after this long; default 10 s. */
  readonly timeoutMs?: number;
  /** Refuse answers larger than this; default 2 MB (a week of hourly values is ~10 kB). */
  readonly maxBytes?: number;
}

/** Feed points from an Open-Meteo answer; hours without a value (null) are left out. Throws naming the field. */
export function parseOpenMeteo(json: unknown): FeedPoint[] {
  const r = OpenMeteoHourly.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`weather feed answer: ${i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'not in the Open-Meteo format'}`);
  }
  const { hourly, utc_offset_seconds: offsetS, hourly_units: units } = r.data;
  const unit = units?.temperature_2m;
  if (unit !== undefined && unit !== '°C') throw new Error(`weather feed answer: hourly_units.temperature_2m is "${unit}", expected "°C"`);
  if (hourly.temperature_2m.length !== hourly.time.length) {
    throw new Error(`weather feed answer: hourly.temperature_2m has ${hourly.temperature_2m.length} values for ${hourly.time.length} times`);
  }
  const points: FeedPoint[] = [];
  hourly.time.forEach((t, i) => {
    const tempC = hourly.temperature_2m[i];
    if (tempC === null || tempC === undefined) return;
    const tsMs = typeof t === 'number' ? t * 1000 : Date.parse(`${t}:00Z`) - offsetS * 1000;
    points.push({ tsMs, tempC });
  });
  return points;
}

export function openMeteoFeed(o: OpenMeteoFeedOptions): WeatherFeed {
  const url = new URL(o.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`weather feed URL ${o.url}: only http and https are supported`);
  const maxBytes = o.maxBytes ?? 2_000_000;
  // Shown to operators: host and path only (a query may carry an API key).
  const source = `Open-Meteo format from ${url.host}${url.pathname}`;
  return {
    source,
    async fetchForecast() {
      const res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs ?? 10_000), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status} from ${url.host}`);
      const body = await res.text();
      if (body.length > maxBytes) throw new Error(`answer of ${body.length} bytes exceeds ${maxBytes}`);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new Error(`answer from ${url.host} is not JSON`);
      }
      return parseOpenMeteo(json);
    },
  };
}
