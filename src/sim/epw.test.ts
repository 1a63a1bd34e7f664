import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEpw } from './epw.js';
import { emptyWeatherSample, sampleWeather } from './weather-sampler.js';

const text = readFileSync(new URL('../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8');

describe('parseEpw', () => {
  const w = parseEpw(text);
  it('reads the Beijing IWEC header and 8,760 hourly records', () => {
    expect(w.location).toMatchObject({ city: 'BEIJING', latDeg: 39.8, lonDeg: 116.47, tzHours: 8 });
    expect(w.length).toBe(8760);
    expect(Math.min(...w.tempC)).toBe(-14);
    expect(Math.max(...w.tempC)).toBe(37.4);
  });
  it('maps any year onto the typical year and interpolates between hours', () => {
    const s = emptyWeatherSample();
    // 1 Jan 01:00 local = record 0; 01:30 is halfway to record 1.
    const r0 = w.tempC[0] as number;
    const r1 = w.tempC[1] as number;
    sampleWeather(w, Date.parse('2030-01-01T01:30:00+08:00'), s);
    expect(s.tempC).toBeCloseTo((r0 + r1) / 2, 9);
    sampleWeather(w, Date.parse('2019-01-01T01:00:00+08:00'), s);
    expect(s.tempC).toBeCloseTo(r0, 9);
    expect(s.localHour).toBeCloseTo(1, 9);
  });
  it('heating season 15 Nov–15 Mar has a mean near 0.3 °C (PROVENANCE.md: 0.26 °C over 2,904 h)', () => {
    const s = emptyWeatherSample();
    let sum = 0;
    let n = 0;
    for (let t = Date.parse('2018-11-15T00:30:00+08:00'); t < Date.parse('2019-03-15T00:00:00+08:00'); t += 3_600_000, n++) sum += sampleWeather(w, t, s).tempC;
    expect(sum / n).toBeGreaterThan(0);
    expect(sum / n).toBeLessThan(0.6);
  });
  it('rejects a truncated file, naming the count and the line', () => {
    const cut = text.split('\n').slice(0, 5000).join('\n');
    expect(() => parseEpw(cut)).toThrow(/truncated.*expected 8760.*found 4992/);
  });
  it('rejects a malformed value, naming line and field', () => {
    const lines = text.split('\n');
    lines[100] = (lines[100] as string).split(',').map((f, i) => (i === 6 ? 'abc' : f)).join(',');
    expect(() => parseEpw(lines.join('\n'))).toThrow(/line 101, field 7 \(dry-bulb temperature\): "abc" is not a number/);
  });
  it('rejects a file that is not an EPW', () => {
    expect(() => parseEpw('hello,world')).toThrow(/line 1: expected a LOCATION header/);
  });
});
