import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildingThermal, createFleetSimulation, emptyWeatherSample, generateFleet, parseEpw, sampleWeather, timeConstantsH } from '../../sim/index.js';
import { identifyRcModel, type RcSample } from './identify-rc.js';

const STEP_S = 900;
const T0 = Date.parse('2019-01-05T00:00:00+08:00');

/** Exact 1R1C data: the model the fit assumes, driven by a varying outdoor temperature and on/off heat. */
function syntheticDays(days: number, h: { H: number; C: number; G: number }, noiseK = 0): RcSample[] {
  const a = Math.exp((-h.H * STEP_S) / h.C);
  const b = (1 - a) / h.H;
  let t = 18, seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  const out: RcSample[] = [];
  for (let k = 0; k < (days * 86_400) / STEP_S; k++) {
    const outdoorC = -3 + 6 * Math.sin((2 * Math.PI * k * STEP_S) / 86_400);
    const heatW = t < 19 ? 6000 : (k % 7) * 300;
    out.push({ tsMs: T0 + k * STEP_S * 1000, indoorC: t + noiseK * rand(), outdoorC, heatW });
    t = a * t + (1 - a) * outdoorC + b * (heatW + h.G);
  }
  return out;
}

describe('grey-box 1R1C identification from telemetry', () => {
  it('recovers heat loss, capacity and gains exactly from data that follow the model', () => {
    const truth = { H: 180, C: 180 * 30 * 3600, G: 400 };
    const r = identifyRcModel(syntheticDays(10, truth), { stepS: STEP_S });
    expect(r.status).toBe('identified');
    expect(r.heatLossWK).toBeCloseTo(truth.H, 3);
    expect((r.capacityJK as number) / truth.C).toBeCloseTo(1, 4);
    expect(r.gainsW).toBeCloseTo(truth.G, 2);
    expect(r.fit.oneStepRmseK).toBeLessThan(1e-9);
    expect(r.fit.simulatedRmseK).toBeLessThan(1e-6);
  });

  it('with measurement noise the estimate stays close and its standard error covers the truth', () => {
    const truth = { H: 220, C: 220 * 40 * 3600, G: 300 };
    const r = identifyRcModel(syntheticDays(30, truth, 0.05), { stepS: STEP_S });
    expect(r.status).toBe('identified');
    const se = r.fit.heatLossSeWK as number;
    expect(se).toBeGreaterThan(0);
    expect(Math.abs((r.heatLossWK as number) - truth.H)).toBeLessThan(Math.max(4 * se, 0.15 * truth.H));
  });

  it('short data: the twin prior is returned and labelled; without a prior the answer is "insufficient data"', () => {
    const samples = syntheticDays(1, { H: 200, C: 200 * 30 * 3600, G: 300 });
    const prior = { heatLossWK: 250, capacityJK: 250 * 25 * 3600, gainsW: 350 };
    const withPrior = identifyRcModel(samples, { stepS: STEP_S, prior });
    expect(withPrior.status).toBe('prior-only');
    expect(withPrior.heatLossWK).toBe(250);
    expect(withPrior.fit.priorSharePct).toBe(100);
    expect(withPrior.reasons[0]).toMatch(/fewer than the 288 needed/);
    const without = identifyRcModel(samples, { stepS: STEP_S });
    expect(without.status).toBe('insufficient-data');
    expect(without.heatLossWK).toBeNull();
  });

  it('the prior pulls a weakly informative fit towards the twin, and data outweigh it as they grow', () => {
    const truth = { H: 200, C: 200 * 30 * 3600, G: 300 };
    const prior = { heatLossWK: 300, capacityJK: 300 * 30 * 3600, gainsW: 300, weightSlots: 4 * 96 };
    const short = identifyRcModel(syntheticDays(4, truth, 0.1), { stepS: STEP_S, prior });
    const long = identifyRcModel(syntheticDays(40, truth, 0.1), { stepS: STEP_S, prior });
    expect(short.fit.priorSharePct as number).toBeGreaterThan(long.fit.priorSharePct as number);
    expect(Math.abs((long.heatLossWK as number) - truth.H)).toBeLessThan(Math.abs((short.heatLossWK as number) - truth.H) + 1);
  });

  it('a room that never responds (heat and outdoor constant, no prior) is "not identifiable", not a number', () => {
    const flat: RcSample[] = Array.from({ length: 600 }, (_, k) => ({ tsMs: T0 + k * STEP_S * 1000, indoorC: 20, outdoorC: 0, heatW: 3000 }));
    const r = identifyRcModel(flat, { stepS: STEP_S });
    expect(r.status).toBe('not-identifiable');
    expect(r.heatLossWK).toBeNull();
    expect(r.reasons.join(' ')).toMatch(/collinear|not physical/);
  });

  it('gaps break the series: pairs across a gap are not used', () => {
    const s = syntheticDays(5, { H: 200, C: 200 * 30 * 3600, G: 300 });
    const gapped = s.filter((_, k) => k % 96 !== 50);
    const r = identifyRcModel(gapped, { stepS: STEP_S });
    expect(r.fit.pairs).toBe(s.length - 1 - 2 * 5 + (s.length % 96 === 51 ? 1 : 0));
    expect(r.heatLossWK).toBeCloseTo(200, 3);
  });

  it('on the digital twin (2R2C building with floor heating, Beijing weather, 21 days, irradiance from the weather file) the fitted 1R1C is close to the building', () => {
    const weather = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
    const h = generateFleet('beijing-103').households[3] as ReturnType<typeof generateFleet>['households'][number];
    const fleet = { name: 'identify', households: [h] };
    const sim = createFleetSimulation(fleet, weather, { startMs: T0, stepS: 60 });
    const samples: RcSample[] = [];
    let sumIn = 0, sumOut = 0, sumHeat = 0, sumSun = 0, n = 0;
    const ws = emptyWeatherSample();
    for (let k = 0; k < 21 * 1440; k++) {
      sim.step();
      const c = sim.channels(0);
      sumIn += c.indoorTempC as number; sumOut += c.outdoorTempC as number; sumHeat += c.heatPowerW as number; n++;
      sampleWeather(weather, sim.tsMs - 30_000, ws);
      sumSun += ws.southWm2;
      if (n === STEP_S / 60) {
        samples.push({ tsMs: sim.tsMs - STEP_S * 1000, indoorC: sumIn / n, outdoorC: sumOut / n, heatW: sumHeat / n, solarWm2: sumSun / n });
        sumIn = sumOut = sumHeat = sumSun = n = 0;
      }
    }
    const th = buildingThermal(h.areaM2, h.storeys, h.building);
    const r = identifyRcModel(samples, { stepS: STEP_S, prior: { heatLossWK: th.totalHWK, capacityJK: timeConstantsH(th)[0] * 3600 * th.totalHWK, gainsW: th.internalGainsW, weightSlots: 96 } });
    expect(r.status).toBe('identified');
    expect(Math.abs((r.heatLossWK as number) / th.totalHWK - 1)).toBeLessThan(0.2);
    expect(r.fit.simulatedRmseK).toBeLessThan(0.8);
    expect(r.fit.r2).toBeGreaterThan(0.5);
  });
});

describe('measured COP correction', () => {
  it('is the ratio of metered heat to the map prediction over running slots, ignoring standby and missing slots', async () => {
    const { copCorrection } = await import('./measured-cop.js');
    const samples = [
      ...Array.from({ length: 100 }, () => ({ heatW: 6000, electricW: 2000, mapCop: 3.5 })),
      { heatW: 0, electricW: 20, mapCop: 3.5 },
      { heatW: null, electricW: 2000, mapCop: 3.5 },
    ];
    const r = copCorrection(samples, { stepS: 900, minHeatKWh: 10 });
    expect(r.status).toBe('measured');
    expect(r.factor).toBeCloseTo(3 / 3.5, 10);
    expect(r.runningSlots).toBe(100);
    const few = copCorrection(samples.slice(0, 2), { stepS: 900 });
    expect(few.status).toBe('insufficient-data');
    expect(few.factor).toBeNull();
    expect(few.reason).toMatch(/fewer than the 50 kWh needed/);
  });
});
