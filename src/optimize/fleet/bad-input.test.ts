/**
 * Issue 6 "Must show — bad input": each case gets a clear answer naming what was wrong, a safe fallback,
 * and an alarm; nothing is left unheated silently and the transformer is never overloaded.
 */
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticHousehold } from '../household-fixture.js';
import { loadHighs } from '../load-highs.js';
import { dayPrices, tariffOrFallback, tariffPreset } from '../tariff/index.js';
import { coordinateFleet, heatingCapacityW, type FleetPlan, type TransformerGroup } from './index.js';

let highs: Highs;
beforeAll(async () => { highs = await loadHighs(); });

const valleyPrice = (k: number) => (k < 32 || k >= 80 ? 0.1 : 0.4883);
const houses = (prefix: string, count: number, price: number | ((k: number) => number) = valleyPrice) =>
  Array.from({ length: count }, (_, i) => syntheticHousehold({ id: `${prefix}${i}`, priceYuanPerKWh: price, outdoorC: -3 + i, maxPowerW: 4000 + 200 * i }));
const maxOverloadW = (plan: FleetPlan) => Math.max(...plan.groups.map((g) => Math.max(...g.loadW.map((l, k) => l - (g.capacityW[k] as number)))));

describe('bad input to the fleet planner', () => {
  it('infeasible comfort bounds (floor above ceiling): the household is named, left on local control with its draw reserved, the rest planned', () => {
    const bad = { ...syntheticHousehold({ id: 'upside-down', maxPowerW: 3000 }), minTempC: new Float64Array(96).fill(23) }; // ceiling 22
    const g: TransformerGroup = { id: 'T1', ratingKVA: 40, powerFactor: 0.9, households: [...houses('h', 4), bad] };
    for (const plan of [coordinateFleet([g]), coordinateFleet([g], {}, highs)]) {
      const issue = plan.issues.find((i) => i.code === 'invalid-problem');
      expect(issue?.householdIds).toEqual(['upside-down']);
      expect(issue?.message).toMatch(/upside-down: minTempC\[0\] 23 exceeds maxTempC 22/);
      expect(issue?.message).toMatch(/local thermostat/);
      expect(plan.alarm).toBe(true);
      const gp = plan.groups[0];
      expect(gp?.plans.map((p) => p.id)).toEqual(['h0', 'h1', 'h2', 'h3']);
      expect(plan.comfortViolations).toBe(0);
      // Its 3 kW are held back on the transformer: the others plan within 36 − 3 kW.
      expect(gp?.capacityW[0]).toBeCloseTo(40 * 0.9 * 1000 - 3000, 6);
      expect(maxOverloadW(plan)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('a transformer too small for the minimum heat demand: the limit holds, the transformer and the short households are named', () => {
    const hh = houses('s', 5);
    const needW = hh.reduce((s, h) => s + (h.heatLossWK * (18 - (h.outdoorC[0] as number))) / 3, 0); // steady heat / COP 3
    const g: TransformerGroup = { id: 'T-small', ratingKVA: (0.5 * needW) / 0.9 / 1000, powerFactor: 0.9, households: hh };
    const plan = coordinateFleet([g], {}, highs);
    const issue = plan.issues.find((i) => i.code === 'transformer-too-small');
    expect(issue?.code === 'transformer-too-small' && issue.transformerId).toBe('T-small');
    expect(issue?.message).toMatch(/transformer T-small: capacity too small/);
    expect(issue?.householdIds.length).toBeGreaterThan(0);
    expect(plan.alarm).toBe(true);
    expect(maxOverloadW(plan)).toBeLessThanOrEqual(1e-6);
    // Fallback: the whole capacity is used for heat in the saturated slots — nothing held back while houses are cold.
    const gp = plan.groups[0];
    const cap = heatingCapacityW(g, 96);
    expect(issue?.code === 'transformer-too-small' && issue.slots.length).toBeGreaterThan(0);
    if (issue?.code === 'transformer-too-small') for (const k of issue.slots) expect(gp?.loadW[k]).toBeCloseTo(cap[k] as number, 3);
  });

  it('a tariff with overlapping windows: rejected with both windows named, planning continues on the last valid tariff with an alarm', () => {
    const valid = tariffPreset('tianjin-rural-coal-to-electricity');
    if (!valid.ok) throw new Error(valid.message);
    const broken = { ...valid.tariff, id: 'tianjin-edited', windows: [
      { name: 'valley', fromLocal: '20:00', toLocal: '08:00', priceYuanPerKWh: 0.3 },
      { name: 'day', fromLocal: '07:00', toLocal: '20:00', priceYuanPerKWh: 0.49 },
    ] };
    const { tariff, alarm } = tariffOrFallback(broken, valid.tariff);
    expect(alarm?.code).toBe('invalid-tariff');
    expect(alarm?.message).toMatch(/tariff tianjin-edited rejected .*"valley" \(20:00–08:00\) and "day" \(07:00–20:00\) overlap.*last valid tariff tianjin-rural-coal-to-electricity/);
    expect(tariff).toBe(valid.tariff);
    const prices = dayPrices(tariff, Date.parse('2019-01-15T00:00:00+08:00'), { slotMinutes: 15 }).priceYuanPerKWh;
    const g: TransformerGroup = { id: 'T1', ratingKVA: 30, powerFactor: 0.9, households: houses('t', 3, (k) => prices[k] as number) };
    const plan = coordinateFleet([g], {}, highs);
    expect(plan.comfortViolations).toBe(0);
    expect(tariffOrFallback(valid.tariff, valid.tariff).alarm).toBeUndefined();
  });

});
