import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEpw } from './epw.js';
import { emptyWeatherSample, meanAirTempC, sampleWeather, slotMidWeather } from './weather-sampler.js';

const beijing = parseEpw(readFileSync(new URL('../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const DAY = Date.parse('2019-01-07T00:00:00+08:00');

describe('shared slot weather', () => {
  it('equals sampling each slot middle, and is computed once per series and grid', () => {
    const grid = slotMidWeather(beijing, DAY, 900, 192);
    expect(grid).toHaveLength(192);
    for (const k of [0, 37, 48, 191]) expect(grid[k]).toEqual(sampleWeather(beijing, DAY + (k + 0.5) * 900_000, emptyWeatherSample()));
    expect(grid[52]?.southWm2).toBeGreaterThan(0); // 13:00 local: the sun is up
    expect(slotMidWeather(beijing, DAY, 900, 192)).toBe(grid);
    expect(slotMidWeather(beijing, DAY + 86_400_000, 900, 96)).not.toBe(grid);
    expect(meanAirTempC(beijing)).toBeCloseTo(beijing.tempC.reduce((s, t) => s + t, 0) / beijing.length, 12);
  });
});
