import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyWeatherSample, generateFleet, parseEpw, sampleWeather } from '../../sim/index.js';
import { householdProblemFromTwin } from '../twin-problem.js';
import { anomalyPersistenceForecast, currentAnomalyK, forecastHeatDemand } from './index.js';

const typical = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const ISSUED = Date.parse('2019-01-10T00:00:00+08:00');
const HOUR = 3_600_000;
const typicalAt = (ts: number) => sampleWeather(typical, ts, emptyWeatherSample()).tempC;

describe('outdoor temperature forecast (damped anomaly persistence)', () => {
  it('is the typical year when no observations are given', () => {
    const f = anomalyPersistenceForecast(typical, [], { issuedMs: ISSUED });
    expect(f.tempC).toEqual(typical.tempC);
  });
  it('carries the observed anomaly forward and lets it decay to climatology with lead time', () => {
    // Six hourly observations, each 4 K colder than the typical year.
    const obs = Array.from({ length: 6 }, (_, k) => ({ tsMs: ISSUED - k * HOUR, tempC: typicalAt(ISSUED - k * HOUR) - 4 }));
    expect(currentAnomalyK(typical, obs, { issuedMs: ISSUED })).toBeCloseTo(-4, 6);
    const f = anomalyPersistenceForecast(typical, obs, { issuedMs: ISSUED, horizonH: 48, decayH: 24 });
    const fAt = (ts: number) => sampleWeather(f, ts, emptyWeatherSample()).tempC;
    expect(fAt(ISSUED + HOUR) - typicalAt(ISSUED + HOUR)).toBeCloseTo(-4 * Math.exp(-1 / 24), 6);
    expect(fAt(ISSUED + 24 * HOUR) - typicalAt(ISSUED + 24 * HOUR)).toBeCloseTo(-4 * Math.exp(-1), 6);
    // Beyond the horizon the forecast is climatology again; observations after issue time are not used.
    expect(fAt(ISSUED + 72 * HOUR)).toBeCloseTo(typicalAt(ISSUED + 72 * HOUR), 9);
    expect(currentAnomalyK(typical, [{ tsMs: ISSUED + HOUR, tempC: -30 }], { issuedMs: ISSUED })).toBe(0);
  });
  it('refuses impossible settings and non-numbers with the field named', () => {
    expect(() => anomalyPersistenceForecast(typical, [], { issuedMs: ISSUED, horizonH: 0 })).toThrow(/horizonH/);
    expect(() => anomalyPersistenceForecast(typical, [], { issuedMs: ISSUED, decayH: -1 })).toThrow(/decayH/);
    expect(() => currentAnomalyK(typical, [{ tsMs: ISSUED, tempC: Number.NaN }], { issuedMs: ISSUED })).toThrow(/temperature NaN/);
  });
});

describe('household heat demand forecast', () => {
  it('is the heat that holds the floor: H·(T_floor − T_out) − gains per slot, more on a colder forecast', () => {
    const h = generateFleet('beijing-103', 1).households[4] as Parameters<typeof householdProblemFromTwin>[0];
    const prices = new Float64Array(96).fill(0.3);
    const p = householdProblemFromTwin(h, typical, { dayStartMs: ISSUED, slotS: 900, priceYuanPerKWh: prices });
    const d = forecastHeatDemand(p);
    const k = 40;
    expect(d.heatW[k]).toBeCloseTo(Math.max(0, p.heatLossWK * ((p.minTempC[k] as number) - (p.outdoorC[k] as number)) - (p.gainsW[k] as number)), 9);
    const colder = anomalyPersistenceForecast(typical, [{ tsMs: ISSUED, tempC: typicalAt(ISSUED) - 5 }], { issuedMs: ISSUED });
    const dc = forecastHeatDemand(householdProblemFromTwin(h, colder, { dayStartMs: ISSUED, slotS: 900, priceYuanPerKWh: prices }));
    expect(dc.heatKWh).toBeGreaterThan(d.heatKWh);
    expect(d.electricityKWh).toBeLessThan(d.heatKWh);
  });
});
