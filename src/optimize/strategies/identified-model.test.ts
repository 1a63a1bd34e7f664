import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../sim/index.js';
import type { RcSample } from '../identify/index.js';
import { fitRoomModel, registeredRoomPrior } from './identified-model.js';
import { createPlantTelemetry } from './plant-telemetry.js';

const house = generateFleet('beijing-103', 1).households[0]!;
const SLOT_S = 900;

/** A household's telemetry as if its room were the 1R1C with these parameters (slot indices from a local midnight). */
function telemetryOf(days: number, H: number, tauH: number, G: number): RcSample[] {
  const a = Math.exp(-SLOT_S / (tauH * 3600)), b = (1 - a) / H;
  const tel = createPlantTelemetry(1, days * 96);
  let t = 19;
  for (let k = 0; k < days * 96; k++) {
    const outdoorC = -2 + 5 * Math.sin((2 * Math.PI * k) / 96), heatW = k % 96 < 32 ? 7000 : t < 18.5 ? 4000 : 0;
    tel.record(0, k, { airStartC: t, outdoorC, heatW, southWm2: 0 });
    t = a * t + (1 - a) * outdoorC + b * (heatW + G);
  }
  return tel.samples(0, SLOT_S);
}

describe('the identified planner model (fitted per household, the registered model as prior and fallback)', () => {
  it('takes the parameters of the household\'s own room when the data support them', () => {
    const prior = registeredRoomPrior(house);
    const m = fitRoomModel(house, telemetryOf(14, 0.8 * prior.heatLossWK, 12, 250), { slotS: SLOT_S });
    expect(m.source).toBe('identified');
    // Much nearer the household's own room than the registered house (the prior still pulls a little: 2 of 16 days).
    expect(Math.abs(m.heatLossWK - 0.8 * prior.heatLossWK)).toBeLessThan(0.5 * 0.2 * prior.heatLossWK);
    expect(Math.abs(m.capacityJK / m.heatLossWK / 3600 / 12 - 1)).toBeLessThan(0.15);
  });
  it('falls back to the registered parameters with two days of data, and names why', () => {
    const m = fitRoomModel(house, telemetryOf(2, 300, 12, 250), { slotS: SLOT_S });
    expect(m.source).toBe('prior');
    expect(m.status).toBe('prior-only');
    expect(m.heatLossWK).toBe(registeredRoomPrior(house).heatLossWK);
    expect(m.reasons.join(' ')).toMatch(/fewer than/);
  });
  it('does not trust a fit whose heat loss is far from the registered house (e.g. a heat meter reading in the wrong unit)', () => {
    const prior = registeredRoomPrior(house);
    const kW = telemetryOf(14, prior.heatLossWK, 15, 250).map((s) => ({ ...s, heatW: (s.heatW as number) / 1000 }));
    const m = fitRoomModel(house, kW, { slotS: SLOT_S });
    expect(m.source).toBe('prior');
    expect(m.reasons.join(' ')).toMatch(/outside the trusted range|respond/);
  });
});
