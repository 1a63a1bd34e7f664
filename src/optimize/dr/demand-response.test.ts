import { describe, expect, it } from 'vitest';
import { evaluatePlan, prepareHousehold, solveHouseholdFast } from '../household-fast.js';
import { syntheticHousehold } from '../household-fixture.js';
import type { HouseholdProblem } from '../household-problem.js';
import { commitEvent, deliveredFlexibility, fleetOffer, householdFlexibility, type HouseholdFlexibility } from './index.js';

const baselineOf = (p: HouseholdProblem) => solveHouseholdFast(prepareHousehold(p)).powerW;
// Valley 20:00–08:00 (slots 80–95 and 0–31) at 0.1, otherwise 0.49: the Tianjin-like shape.
const tou = (k: number) => (k < 32 || k >= 80 ? 0.1 : 0.49);
const MORNING = { fromSlot: 36, toSlot: 44 } as const; // 09:00–11:00
const EVENING = { fromSlot: 68, toSlot: 76 } as const; // 17:00–19:00, when the baseline holds the floor at the peak price

describe('demand response: household flexibility', () => {
  it('sheds load in the window by pre-heating, keeps comfort, and names the rebound energy and cost', () => {
    const p = syntheticHousehold({ id: 'a', outdoorC: -5, priceYuanPerKWh: tou, maxTempC: 22 });
    const base = baselineOf(p);
    const f = householdFlexibility(p, base, { direction: 'reduce', ...EVENING });
    expect(f.reason).toBeNull();
    expect(f.windowKWh).toBeGreaterThan(0.5);
    expect(f.eventPlan.comfortViolations).toBe(0);
    const windowPower = (w: Float64Array) => w.slice(EVENING.fromSlot, EVENING.toSlot).reduce((s, v) => s + v, 0);
    expect(windowPower(f.eventPlan.powerW)).toBeLessThan(windowPower(base));
    expect(f.extraDayKWh).toBeGreaterThanOrEqual(-1e-9); // storing heat earlier never saves energy
    expect(f.extraCostYuan).toBeGreaterThanOrEqual(-1e-9); // the baseline was already the cheapest plan
  });

  it('stores heat in the window for an increase and coasts afterwards', () => {
    const p = syntheticHousehold({ id: 'b', outdoorC: -5, priceYuanPerKWh: tou, maxTempC: 22 });
    const base = baselineOf(p);
    const f = householdFlexibility(p, base, { direction: 'increase', ...MORNING });
    expect(f.reason).toBeNull();
    expect(f.windowKWh).toBeGreaterThan(0.5);
    const after = (w: Float64Array) => w.slice(MORNING.toSlot, MORNING.toSlot + 8).reduce((s, v) => s + v, 0);
    expect(after(f.eventPlan.powerW)).toBeLessThan(after(base) + 1e-6);
    expect(f.eventPlan.comfortViolations).toBe(0);
  });

  it('offers nothing, with the reason, when the unit already runs flat out to hold comfort', () => {
    const p = syntheticHousehold({ id: 'weak', outdoorC: -12, maxPowerW: 2000, cop: 2.2, heatLossWK: 250, minTempC: 18, maxTempC: 18.5 });
    const f = householdFlexibility(p, baselineOf(p), { direction: 'reduce', ...EVENING });
    expect(f.windowKWh).toBe(0);
    expect(f.reason).toMatch(/comfort cannot be held|no load to shed/);
  });

  it('refuses a window outside the day, naming the slots', () => {
    const p = syntheticHousehold();
    expect(() => householdFlexibility(p, baselineOf(p), { direction: 'reduce', fromSlot: 90, toSlot: 100 })).toThrow(/\[90, 100\).*96 slots/);
  });
});

describe('demand response: fleet offer, commitment and delivery', () => {
  const fleet = [-8, -6, -4, -2].map((t, i) => syntheticHousehold({ id: `h${i}`, outdoorC: t, priceYuanPerKWh: tou, maxTempC: 21 + i * 0.5, capacityJK: (30 + 15 * i) * 1e6 }));
  const flex: HouseholdFlexibility[] = fleet.map((p) => householdFlexibility(p, baselineOf(p), { direction: 'reduce', ...EVENING }));
  const offer = fleetOffer(flex, { direction: 'reduce', ...EVENING });

  it('the firm offer is the weakest window slot of the summed flexibility', () => {
    expect(offer.participating).toBeGreaterThan(1);
    expect(offer.firmW).toBeCloseTo(Math.min(...offer.perSlotW), 9);
    expect(offer.firmW).toBeGreaterThan(0);
  });

  it('a commitment meets the request in every window slot at least cost, and every household stays warm', () => {
    const requested = 0.5 * offer.firmW;
    const c = commitEvent(flex, offer, requested);
    expect(c.committedW).toBeCloseTo(requested, 9);
    expect(c.shortfallW).toBe(0);
    for (const v of c.expectedW) expect(v).toBeGreaterThanOrEqual(requested - 1e-6);
    expect(c.extraCostYuan).toBeLessThanOrEqual(offer.extraCostYuan + 1e-9);
    for (const part of c.participation) {
      const p = fleet.find((h) => h.id === part.id) as HouseholdProblem;
      expect(evaluatePlan(prepareHousehold(p), part.powerW).comfortViolations).toBe(0);
    }
    // The cheapest flexibility per kWh is used first.
    const perKWh = (id: string) => { const f = flex.find((x) => x.id === id) as HouseholdFlexibility; return f.extraCostYuan / f.windowKWh; };
    const used = c.participation.map((x) => x.id);
    const unused = flex.filter((f) => f.reason === null && !used.includes(f.id)).map((f) => f.id);
    for (const u of unused) for (const id of used) expect(perKWh(id)).toBeLessThanOrEqual(perKWh(u) + 1e-9);
  });

  it('a request above the firm offer is committed up to the offer with the shortfall named', () => {
    const c = commitEvent(flex, offer, 10 * offer.firmW);
    expect(c.committedW).toBeCloseTo(offer.firmW, 9);
    expect(c.shortfallW).toBeCloseTo(9 * offer.firmW, 6);
    expect(() => commitEvent(flex, offer, -1)).toThrow(/must be a positive number/);
  });

  it('the rebound never pushes a transformer over its rating: shares shrink and the shortfall is named', () => {
    const n = flex[0]?.baseline.powerW.length ?? 0;
    const baseLoad = Float64Array.from({ length: n }, (_, k) => flex.reduce((s, f) => s + (f.baseline.powerW[k] as number), 0));
    // A rating with only 3 kW of headroom over the baseline in every slot: pre-heating before the window cannot all fit.
    const capW = Float64Array.from(baseLoad, (w) => w + 3000);
    const limits = { groupOf: new Map(flex.map((f) => [f.id, 't1'])), capacityW: new Map([['t1', capW]]) };
    const c = commitEvent(flex, offer, offer.firmW, limits);
    const after = new Float64Array(n);
    for (const f of flex) {
      const part = c.participation.find((x) => x.id === f.id);
      const w = part ? part.powerW : f.baseline.powerW;
      for (let k = 0; k < n; k++) after[k] = (after[k] as number) + (w[k] as number);
    }
    for (let k = 0; k < n; k++) expect(after[k]).toBeLessThanOrEqual((capW[k] as number) + 1e-6);
    expect(c.committedW).toBeLessThan(offer.firmW - 100); // the limit binds
    expect(c.committedW).toBeGreaterThan(0);
    expect(c.shortfallW).toBeCloseTo(offer.firmW - c.committedW, 9);
    for (const v of c.expectedW) expect(v).toBeGreaterThanOrEqual(c.committedW - 1e-6);
  });

  it('delivered flexibility is baseline minus measured per slot; missing measurements count as not delivered', () => {
    const d = deliveredFlexibility('reduce', 1000, [3000, 3000, 3000, 3000], [1800, 2000, 2500, null], 900);
    expect(Array.from(d.deliveredW)).toEqual([1200, 1000, 500, 0]);
    expect(d.slotsShort).toBe(2);
    expect(d.slotsUnmeasured).toBe(1);
    expect(d.deliveredKWh).toBeCloseTo((2700 * 900) / 3.6e6, 12);
    expect(d.pctOfCommitted).toBeCloseTo((100 * 2700) / 4 / 1000, 9);
  });
});
