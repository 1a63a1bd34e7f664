import { describe, expect, it } from 'vitest';
import { buildingThermal, generateFleet, type BuildingThermal } from '../sim/index.js';
import { airC, envelopeForAirC, envelopeGainsW, envelopeModel, steadyHeatForAirW } from './envelope-model.js';
import { discretise, simulateTempC } from './rc-model.js';
import type { HouseholdProblem } from './household-problem.js';

const households = generateFleet('beijing-103', 1).households.slice(0, 6);
const thermals = households.map((h) => buildingThermal(h.areaM2, h.storeys, h.building));

/** The twin's 2R2C (air + envelope, heat into the air), explicit Euler at 10 s — the reference. */
function twoNode(th: BuildingThermal, t0: { ti: number; te: number }, heatW: (s: number) => number, outdoorC: number, internalW: number, solarW: number, seconds: number) {
  let { ti, te } = t0;
  let inJ = 0, lossJ = 0;
  const dt = 10;
  const teAt: number[] = [];
  for (let s = 0; s < seconds; s += dt) {
    const q = heatW(s);
    const lossRoom = th.hDirectWK * (ti - outdoorC), lossEnv = th.hEnvelopeWK * (te - outdoorC), qIe = th.hInteriorWK * (ti - te);
    ti += ((q + internalW + 0.5 * solarW - lossRoom - qIe) * dt) / th.ciJK;
    te += ((0.5 * solarW + qIe - lossEnv) * dt) / th.ceJK;
    inJ += (q + internalW + solarW) * dt;
    lossJ += (lossRoom + lossEnv) * dt;
    if ((s + dt) % 900 === 0) teAt.push(te);
  }
  return { ti, te, teAt, inJ, lossJ };
}

function problemOf(th: BuildingThermal, heatW: number[], outdoorC: number, internalW: number, solarW: number, initialC: number): HouseholdProblem {
  const m = envelopeModel(th);
  const n = heatW.length;
  const fill = (v: number) => new Float64Array(n).fill(v);
  return {
    id: 'h', slotS: 900, priceYuanPerKWh: fill(0.1), cop: fill(1), maxPowerW: fill(20_000), outdoorC: fill(outdoorC),
    gainsW: fill(envelopeGainsW(m, internalW, solarW)), minTempC: fill(-50), maxTempC: fill(80), initialTempC: initialC,
    heatLossWK: m.heatLossWK, capacityJK: m.capacityJK, penaltyPriceYuanPerKWh: 10,
  };
}

describe('quasi-static envelope model (envelope-model.md)', () => {
  it('follows the 2R2C envelope through a 4-hour heat pulse and 8 hours of cooling within 0.2 K', () => {
    for (const th of thermals) {
      const outdoorC = -5, internalW = th.internalGainsW, solarW = 800;
      const m = envelopeModel(th);
      const pulseW = 8000;
      const heat = (s: number) => (s < 4 * 3600 ? pulseW : 0);
      // Start from the quasi-static air of an envelope at 18 °C (the slow manifold), as the reduction assumes.
      const te0 = 18;
      const ref = twoNode(th, { ti: airC(m, te0, pulseW, outdoorC, internalW, solarW), te: te0 }, heat, outdoorC, internalW, solarW, 12 * 3600);
      const slots = Array.from({ length: 48 }, (_, k) => (k < 16 ? pulseW : 0));
      const p = problemOf(th, slots, outdoorC, internalW, solarW, te0);
      const planned = simulateTempC(p, discretise(p), slots);
      const worstK = Math.max(...Array.from(planned, (t, k) => Math.abs(t - (ref.teAt[k] as number))));
      // The largest error is just after a step in heat: the real air takes minutes (C_i / (H_i + H_d)) to settle.
      expect(worstK).toBeLessThan(0.2);
      // The air after the heat stops is what the reduced model says it is (the fast mode has died out).
      expect(Math.abs(ref.ti - airC(m, ref.te, 0, outdoorC, internalW, solarW))).toBeLessThan(0.15);
    }
  });

  it('keeps the 2R2C steady state: with the steady heat the air sits at its target and the energy balance closes', () => {
    for (const th of thermals) {
      const m = envelopeModel(th);
      const outdoorC = -3, internalW = 400, solarW = 600, airTargetC = 18;
      const q = steadyHeatForAirW(th, airTargetC, outdoorC, internalW, solarW);
      // Steady state of the reduced model: H (T_e − T_o) = Q + G.
      const teSteady = outdoorC + (q + envelopeGainsW(m, internalW, solarW)) / m.heatLossWK;
      const tiSteady = airC(m, teSteady, q, outdoorC, internalW, solarW);
      expect(tiSteady).toBeCloseTo(airTargetC, 9);
      // The 2R2C's own balance: everything that comes in leaves through windows/ventilation and the envelope.
      expect(q + internalW + solarW).toBeCloseTo(th.hDirectWK * (tiSteady - outdoorC) + th.hEnvelopeWK * (teSteady - outdoorC), 6);
      // Without solar on the envelope, the loss is the 2R2C's steady-state coefficient.
      expect(steadyHeatForAirW(th, airTargetC, outdoorC, 0, 0)).toBeCloseTo(th.totalHWK * (airTargetC - outdoorC), 6);
    }
  });

  it('turns an air bound into an envelope bound and back', () => {
    const m = envelopeModel(thermals[0] as BuildingThermal);
    for (const heatW of [0, 3000, 9000]) {
      const te = envelopeForAirC(m, 19.5, heatW, -4, 350, 200);
      expect(airC(m, te, heatW, -4, 350, 200)).toBeCloseTo(19.5, 10);
    }
    // With no heat the envelope must be warmer than the air floor (the air loses to outdoors through windows and draughts).
    expect(envelopeForAirC(m, 19.5, 0, -4, 350, 0)).toBeGreaterThan(19.5);
  });

  it('rejects a building without conductances', () => {
    expect(() => envelopeModel({ ...(thermals[0] as BuildingThermal), hInteriorWK: 0 })).toThrow(/H_i/);
  });
});

