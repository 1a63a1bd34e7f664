import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildingThermal, capacityFactor, copAt, generateFleet, parseEpw, performanceMap, type HouseholdDefinition } from '../sim/index.js';
import { envelopeModel } from './envelope-model.js';
import { prepareHousehold, solveHouseholdFast } from './household-fast.js';
import { floorHoldingHeatW, householdProblemFromTwin, type TwinProblemOptions } from './twin-problem.js';

const typical = parseEpw(readFileSync(new URL('../../data/weather/CHN_Beijing.Beijing.545110_IWEC.epw', import.meta.url), 'utf8'));
const households = generateFleet('beijing-103', 1).households;
const DAY = Date.parse('2018-12-03T00:00:00+08:00');
const SLOT_S = 900;
const VALLEY_YUAN = 0.1, DAY_YUAN = 0.4883; // Beijing rural: subsidised valley 20:00–08:00, 4.9× by day
// Two days (the strategies' horizon): the valley is slots 0–31 and 80–95 of each day.
const inValley = (k: number) => k % 96 < 32 || k % 96 >= 80;
const prices = Float64Array.from({ length: 192 }, (_, k) => (inValley(k) ? VALLEY_YUAN : DAY_YUAN));
const problem = (h: HouseholdDefinition, o: Partial<TwinProblemOptions>) =>
  householdProblemFromTwin(h, typical, { dayStartMs: DAY, slotS: SLOT_S, priceYuanPerKWh: prices, initialTempC: h.occupants.daySetpointC, model: 'envelope', ...o });
const dayKWh = (powerW: Float64Array) => powerW.reduce((s, w, k) => s + (inValley(k) ? 0 : (w * SLOT_S) / 3.6e6), 0);

describe('twin problem: air floor held by the unit, COP at the flow a plan runs at (envelope-model.md)', () => {
  it('the held floor lies below the no-heat floor by the steady holding heat over H_i, and is never above it', () => {
    for (const h of households.slice(0, 20)) {
      const held = problem(h, { airFloor: 'held' }), noHeat = problem(h, { airFloor: 'no-heat' });
      const m = envelopeModel(buildingThermal(h.areaM2, h.storeys, h.building));
      const holdW = floorHoldingHeatW(h, typical, DAY, SLOT_S, 192);
      for (let k = 0; k < 192; k++) {
        const heatMaxW = (held.maxPowerW[k] as number) * (held.cop[k] as number);
        const expected = (noHeat.minTempC[k] as number) - Math.min(holdW[k] as number, heatMaxW) / m.hInteriorWK;
        expect(held.minTempC[k]).toBeCloseTo(expected, 9);
        expect(held.minTempC[k] as number).toBeLessThanOrEqual(noHeat.minTempC[k] as number);
      }
    }
  });

  it('a plan with a 12-h valley and a day price 4.9× the valley price heats in the valley when the unit may hold the floor by day', () => {
    let heldDay = 0, noHeatDay = 0, heldCost = 0, noHeatCost = 0;
    for (const h of households.slice(0, 20)) {
      const held = solveHouseholdFast(prepareHousehold(problem(h, { airFloor: 'held' })));
      const noHeat = solveHouseholdFast(prepareHousehold(problem(h, { airFloor: 'no-heat' })));
      heldDay += dayKWh(held.powerW); noHeatDay += dayKWh(noHeat.powerW);
      heldCost += held.costYuan; noHeatCost += noHeat.costYuan;
      expect(held.costYuan).toBeLessThanOrEqual(noHeat.costYuan + 1e-9); // a lower floor never costs more
    }
    // With the floor held without heat, the envelope must stay ~1 K above the air floor all day: the plans buy heat by
    // day. Held by the thermostat, the house coasts on what the valley stored (20 houses, typical 3–4 Dec: about half
    // the day-time energy and two thirds of the cost).
    expect(heldDay).toBeLessThan(0.6 * noHeatDay);
    expect(heldCost).toBeLessThan(0.75 * noHeatCost);
  });

  it("plans the COP and capacity at the design flow temperature with planFlow 'design' (the water a unit following a plan heats to)", () => {
    for (const h of households.slice(0, 10)) {
      const design = problem(h, { planFlow: 'design' }), curve = problem(h, { planFlow: 'heating-curve' });
      const map = performanceMap(h.unit.performanceMap);
      for (let k = 0; k < 96; k += 7) {
        if (map.source === 'outdoor-air') expect(design.cop[k]).toBeCloseTo(copAt(map, design.outdoorC[k] as number, h.hydronics.designFlowTempC), 9);
        // The curve's flow is at most the design flow at these (milder than design) temperatures: never a better COP.
        expect(design.cop[k] as number).toBeLessThanOrEqual((curve.cop[k] as number) + 1e-9);
        if (map.source === 'outdoor-air') {
          const heatW = h.unit.capacityKw * 1000 * capacityFactor(map.capacity, design.outdoorC[k] as number, h.hydronics.designFlowTempC);
          expect((design.maxPowerW[k] as number) * (design.cop[k] as number)).toBeLessThanOrEqual(heatW + 1e-6);
        }
      }
    }
  });
});
