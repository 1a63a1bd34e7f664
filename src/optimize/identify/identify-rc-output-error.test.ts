import { describe, expect, it } from 'vitest';
import { identifyRcOutputError } from './identify-rc-output-error.js';
import type { RcSample } from './identify-rc.js';

const STEP_S = 900;
const SLOTS_PER_DAY = 96;

/** Exact 1R1C data (slot indices from 0 at a local midnight): varying outdoor temperature, sun, and on/off heat. */
function syntheticDays(days: number, h: { H: number; C: number; G: number; A: number }): RcSample[] {
  const a = Math.exp((-h.H * STEP_S) / h.C);
  const b = (1 - a) / h.H;
  let t = 18;
  const out: RcSample[] = [];
  for (let k = 0; k < days * SLOTS_PER_DAY; k++) {
    const phase = (2 * Math.PI * (k % SLOTS_PER_DAY)) / SLOTS_PER_DAY;
    const outdoorC = -3 + 6 * Math.sin(phase), solarWm2 = Math.max(0, 400 * -Math.cos(phase));
    const heatW = t < 19 ? 6000 : (k % 7) * 300;
    out.push({ tsMs: k * STEP_S * 1000, indoorC: t, outdoorC, heatW, solarWm2 });
    t = a * t + (1 - a) * outdoorC + b * (heatW + h.G + h.A * solarWm2);
  }
  return out;
}

describe('output-error identification of the 1R1C room model (free runs over the planning day)', () => {
  it('recovers heat loss, time constant, gains and solar aperture from data that follow the model', () => {
    const truth = { H: 250, C: 250 * 20 * 3600, G: 300, A: 6 };
    // A time-constant grid that contains the truth: the linear part is then exact.
    const r = identifyRcOutputError(syntheticDays(10, truth), { stepS: STEP_S, tauGridH: [5, 10, 20, 40, 80] });
    expect(r.status).toBe('identified');
    expect(r.timeConstantH).toBe(20);
    expect(r.heatLossWK).toBeCloseTo(truth.H, 3);
    expect(r.gainsW).toBeCloseTo(truth.G, 2);
    expect(r.solarApertureM2).toBeCloseTo(truth.A, 4);
    expect(r.fit.simulatedRmseK).toBeLessThan(1e-6);
  });
  it('on the default grid the time constant lands on the nearest grid point and the day-long runs stay close', () => {
    const truth = { H: 250, C: 250 * 20 * 3600, G: 300, A: 6 };
    const r = identifyRcOutputError(syntheticDays(10, truth), { stepS: STEP_S });
    expect(Math.abs(Math.log((r.timeConstantH as number) / 20))).toBeLessThan(0.07);
    expect(Math.abs((r.heatLossWK as number) / truth.H - 1)).toBeLessThan(0.1);
    expect(r.fit.simulatedRmseK).toBeLessThan(0.1);
  });
  it('with too few days returns the prior (labelled), and without a prior says the data are insufficient', () => {
    const prior = { heatLossWK: 300, capacityJK: 300 * 25 * 3600, gainsW: 200, solarApertureM2: 5 };
    const short = syntheticDays(2, { H: 250, C: 250 * 20 * 3600, G: 300, A: 6 });
    const r = identifyRcOutputError(short, { stepS: STEP_S, prior });
    expect(r.status).toBe('prior-only');
    expect(r.heatLossWK).toBe(300);
    expect(r.timeConstantH).toBeCloseTo(25, 9);
    expect(r.reasons[0]).toMatch(/fewer than the 288 needed/);
    expect(identifyRcOutputError(short, { stepS: STEP_S }).status).toBe('insufficient-data');
  });
  it('a room that cools when heated (a swapped channel) is not identifiable, and says why', () => {
    let t = 20;
    const swapped = syntheticDays(5, { H: 250, C: 250 * 20 * 3600, G: 300, A: 6 }).map((s, k) => {
      const heatW = (k % 11) * 500;
      const row = { ...s, indoorC: t, heatW };
      t += 0.2 - heatW * 1e-4;
      return row;
    });
    const r = identifyRcOutputError(swapped, { stepS: STEP_S });
    expect(r.status).toBe('not-identifiable');
    expect(r.heatLossWK).toBeNull();
    expect(r.reasons[0]).toMatch(/does not respond to heat/);
  });
});
