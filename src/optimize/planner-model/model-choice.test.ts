import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlannerModelChoiceSchema } from '../../contract/commands-api.js';
import { generateFleet, mulberry32, parseEpw } from '../../sim/index.js';
import type { RcSample } from '../identify/index.js';
import { householdProblemFromTwin } from '../twin-problem.js';
import { chooseHouseholdModel, MAX_FIT_RMSE_K, PLANNER_MODEL_CODES, registeredRoomPrior, problemOnModel } from './index.js';

const house = generateFleet('beijing-103', 1).households[0]!;
const SLOT_S = 900;
const prior = registeredRoomPrior(house);
const priorTauH = prior.capacityJK / prior.heatLossWK / 3600;

/**
 * A household's slots as if its room were the 1R1C with these parameters, from a local midnight; the unit heats hard in
 * the night valley and holds 18.5 °C by day. `noiseK`: white noise on the room sensor.
 */
function telemetryOf(days: number, H: number, tauH: number, G: number, o: { noiseK?: number; heatScale?: number } = {}): RcSample[] {
  const a = Math.exp(-SLOT_S / (tauH * 3600)), b = (1 - a) / H;
  const rng = mulberry32(7);
  const out: RcSample[] = [];
  let t = 19;
  for (let k = 0; k < days * 96; k++) {
    const outdoorC = -2 + 5 * Math.sin((2 * Math.PI * k) / 96), heatW = k % 96 < 32 ? 7000 : t < 18.5 ? 4000 : 0;
    out.push({ tsMs: k * SLOT_S * 1000, indoorC: t + (o.noiseK ?? 0) * (rng.next() - 0.5) * 2 * Math.sqrt(3), outdoorC, heatW: heatW * (o.heatScale ?? 1), solarWm2: null });
    t = a * t + (1 - a) * outdoorC + b * (heatW + G);
  }
  return out;
}

describe('which model plans a household (fitted to its telemetry, or registered, and why)', () => {
  it('plans on the fitted model when 14 days of data give a small free-run error, smaller than the registered model\'s', () => {
    const { choice, model } = chooseHouseholdModel(house, telemetryOf(14, 0.7 * prior.heatLossWK, 2 * priorTauH, 300), { slotS: SLOT_S, hasHeatMeter: true });
    expect(choice).toMatchObject({ source: 'identified', code: 'identified' });
    expect(model?.source).toBe('identified');
    expect(choice.fitDays).toBeGreaterThan(13.9);
    expect(choice.fitRmseK).toBeLessThan(MAX_FIT_RMSE_K);
    expect(choice.fitRmseK as number).toBeLessThan(choice.registeredRmseK as number);
    // The plan's parameters are much nearer the household's own than the registered ones (the prior, worth two days, still pulls).
    expect(Math.abs(choice.heatLossWK - 0.7 * prior.heatLossWK)).toBeLessThan(0.5 * 0.3 * prior.heatLossWK);
    expect(choice.reason).toMatch(/fitted to 1[34]\.\d days/);
  });

  it('keeps the registered model with too few days of data, and says how many there were', () => {
    const { choice, model } = chooseHouseholdModel(house, telemetryOf(2, 0.7 * prior.heatLossWK, 2 * priorTauH, 300), { slotS: SLOT_S, hasHeatMeter: true });
    expect(choice).toMatchObject({ source: 'registered', code: 'too-few-days' });
    expect(model).toBeNull();
    expect(choice.heatLossWK).toBe(prior.heatLossWK);
    expect(choice.fitDays).toBeGreaterThan(1.9);
    expect(choice.reason).toMatch(/2\.0 days of usable telemetry .*fewer than the 3 needed/);
  });

  it('keeps the registered model for a unit without a heat meter, whatever the data', () => {
    const { choice } = chooseHouseholdModel(house, telemetryOf(14, 0.7 * prior.heatLossWK, 2 * priorTauH, 300), { slotS: SLOT_S, hasHeatMeter: false });
    expect(choice).toMatchObject({ source: 'registered', code: 'no-heat-meter', fitRmseK: null });
    expect(choice.reason).toMatch(/no heat meter/);
  });

  it('keeps the registered model when the fitted one misses the room by more than the allowed error', () => {
    const { choice } = chooseHouseholdModel(house, telemetryOf(14, 0.7 * prior.heatLossWK, 2 * priorTauH, 300, { noiseK: 2 }), { slotS: SLOT_S, hasHeatMeter: true });
    expect(choice).toMatchObject({ source: 'registered', code: 'fit-error-too-large' });
    expect(choice.fitRmseK).toBeGreaterThan(MAX_FIT_RMSE_K);
    expect(choice.reason).toMatch(/more than the 1\.00 K allowed/);
  });

  it('keeps the registered model when it explains the household\'s own data at least as well as the fit', () => {
    const { choice } = chooseHouseholdModel(house, telemetryOf(14, prior.heatLossWK, priorTauH, prior.gainsW), { slotS: SLOT_S, hasHeatMeter: true });
    expect(choice).toMatchObject({ source: 'registered', code: 'no-better-than-registered' });
    expect(choice.registeredRmseK).toBeLessThan(1e-6);
  });

  it('does not trust a fit far from the registered house (a heat meter reading kW as W)', () => {
    const { choice } = chooseHouseholdModel(house, telemetryOf(14, prior.heatLossWK, priorTauH, 300, { heatScale: 1e-3 }), { slotS: SLOT_S, hasHeatMeter: true });
    expect(choice.source).toBe('registered');
    expect(['untrusted', 'not-identifiable']).toContain(choice.code);
  });

  it('has the same closed set of codes as the wire contract', () => {
    expect([...PLANNER_MODEL_CODES].sort()).toEqual([...PlannerModelChoiceSchema.shape.code.options].sort());
  });
});

describe('the day\'s problem on the chosen model', () => {
  const weather = parseEpw(readFileSync(new URL('../../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
  it('replaces heat loss and capacity with the fitted ones, and leaves a registered choice unchanged', () => {
    const dayStartMs = Date.parse('2019-01-15T00:00:00+08:00');
    const p = householdProblemFromTwin(house, weather, { dayStartMs, slotS: SLOT_S, priceYuanPerKWh: new Float64Array(96).fill(0.3) });
    const fitted = chooseHouseholdModel(house, telemetryOf(14, 0.7 * prior.heatLossWK, 2 * priorTauH, 300), { slotS: SLOT_S, hasHeatMeter: true });
    const q = problemOnModel(p, house, fitted, weather, dayStartMs);
    expect(q.heatLossWK).toBeCloseTo(fitted.choice.heatLossWK, 6);
    expect(q.capacityJK / q.heatLossWK / 3600).toBeCloseTo(fitted.choice.timeConstantH, 6);
    expect(Math.max(...q.maxPowerW)).toBeLessThanOrEqual(Math.max(...p.maxPowerW));
    const kept = chooseHouseholdModel(house, [], { slotS: SLOT_S, hasHeatMeter: true });
    expect(problemOnModel(p, house, kept, weather, dayStartMs)).toBe(p);
  });
});
