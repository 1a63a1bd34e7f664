import type { Highs } from 'highs';
import { loadHighs } from './load-highs.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../sim/index.js';
import { prepareHousehold, solveHouseholdFast } from './household-fast.js';
import { randomHousehold, syntheticHousehold } from './household-fixture.js';
import { solveHouseholdLp } from './household-lp.js';

let highs: Highs;
beforeAll(async () => { highs = await loadHighs(); });

const lp = (p: Parameters<typeof solveHouseholdLp>[1], opts?: Parameters<typeof solveHouseholdLp>[2]) => {
  const r = solveHouseholdLp(highs, p, opts);
  if (!r.ok) throw new Error(r.message);
  return r;
};
const valleyPrice = (k: number) => (k < 32 || k >= 80 ? 0.1 : 0.4883); // Beijing, 96 slots

describe('household LP', () => {
  it('flat tariff: the room is held at its lower bound, energy = heat need / COP', () => {
    const p = syntheticHousehold({ outdoorC: 0, minTempC: 18, initialTempC: 18, cop: 3, priceYuanPerKWh: 0.5 });
    const heatNeedKWh = (250 * 18 * 24) / 1000; // H·ΔT·24 h
    for (const plan of [lp(p), solveHouseholdFast(prepareHousehold(p))]) {
      expect(plan.energyKWh).toBeCloseTo(heatNeedKWh / 3, 4);
      expect(plan.costYuan).toBeCloseTo((heatNeedKWh / 3) * 0.5, 4);
      expect(plan.comfortViolations).toBe(0);
      for (const t of plan.tempC) expect(t).toBeCloseTo(18, 4);
    }
  });

  it('valley tariff: heat moves into the valley, the room pre-heats within its band and the cost drops', () => {
    const flat = lp(syntheticHousehold({ priceYuanPerKWh: 0.3 }));
    const p = syntheticHousehold({ priceYuanPerKWh: valleyPrice });
    const plan = lp(p);
    const peakKWh = (x: Float64Array) => x.slice(32, 80).reduce((s, w) => s + (w * 0.25) / 1000, 0);
    expect(peakKWh(plan.powerW)).toBeLessThan(peakKWh(flat.powerW) * 0.5);
    expect(Math.max(...plan.tempC.slice(0, 32))).toBeGreaterThan(18.5); // charged before 08:00
    for (const t of plan.tempC) { expect(t).toBeGreaterThanOrEqual(18 - 1e-6); expect(t).toBeLessThanOrEqual(22 + 1e-6); }
    const flatCostAtValleyPrices = flat.powerW.reduce((s, w, k) => s + (w * 0.25 * valleyPrice(k)) / 1000, 0);
    expect(plan.costYuan).toBeLessThan(flatCostAtValleyPrices);
    expect(plan.status).toBe('comfort-met');
  });

  it('comfort impossible with the unit: a typed infeasibility and the comfort-first schedule (full power)', () => {
    const p = syntheticHousehold({ maxPowerW: 1000, outdoorC: -10 }); // needs 250·28/3 ≈ 2.3 kW
    const r = lp(p);
    expect(r.status).toBe('comfort-infeasible');
    expect(r.comfortViolations).toBeGreaterThan(0);
    for (const w of r.powerW) expect(w).toBeCloseTo(1000, 3);
    const fast = solveHouseholdFast(prepareHousehold(p));
    expect(fast.comfortDeficitKh).toBeCloseTo(r.comfortDeficitKh, 4);
  });

  it('an invalid problem is a value naming the household', () => {
    const p = { ...syntheticHousehold({ id: 'bad' }), minTempC: new Float64Array(96).fill(25) };
    const r = solveHouseholdLp(highs, p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/bad: minTempC\[0\] 25 exceeds maxTempC 22/);
  });

  it('a churn price smooths the schedule without changing the energy much', () => {
    const p = syntheticHousehold({ priceYuanPerKWh: valleyPrice, gainsW: 0 });
    const moves = (x: Float64Array) => x.slice(1).reduce((s, w, k) => s + Math.abs(w - (x[k] as number)), 0);
    const plain = lp(p);
    const smooth = lp(p, { churnYuanPerKW: 0.01 });
    expect(moves(smooth.powerW)).toBeLessThanOrEqual(moves(plain.powerW) + 1e-6);
    expect(smooth.comfortViolations).toBe(0);
  });
});

describe('specialised household solver', () => {
  it('reaches the HiGHS optimum on 40 random households (prices, COP, gains, bounds, capacities)', () => {
    const rng = mulberry32(7);
    let upperBinding = 0, unitBinding = 0;
    for (let i = 0; i < 40; i++) {
      const p = randomHousehold(rng, `r${i}`);
      const exact = lp(p);
      const fast = solveHouseholdFast(prepareHousehold(p));
      expect(fast.comfortViolations).toBe(exact.comfortViolations);
      expect(Math.abs(fast.objectiveYuan - exact.objectiveYuan)).toBeLessThanOrEqual(1e-6 * exact.objectiveYuan + 1e-9);
      if (fast.tempC.some((t, k) => t > (p.maxTempC[k] as number) - 1e-6)) upperBinding++;
      if (fast.powerW.some((w, k) => w > (p.maxPowerW[k] as number) * (1 - 1e-9))) unitBinding++;
    }
    // The instances exercise both the comfort ceiling and the unit limit, not only the easy case.
    expect(upperBinding).toBeGreaterThan(0);
    expect(unitBinding).toBeGreaterThan(0);
  });

  it('with a backup heater (COP 1): reaches the HiGHS optimum on 40 random households, the backup only where the unit falls short', () => {
    const rng = mulberry32(17);
    let backupUsed = 0;
    for (let i = 0; i < 40; i++) {
      const p = randomHousehold(rng, `b${i}`, 96, true);
      const exact = lp(p);
      const fast = solveHouseholdFast(prepareHousehold(p));
      expect(fast.comfortViolations).toBe(exact.comfortViolations);
      expect(Math.abs(fast.objectiveYuan - exact.objectiveYuan)).toBeLessThanOrEqual(1e-6 * exact.objectiveYuan + 1e-9);
      const bu = fast.backupW;
      if (!bu) continue;
      backupUsed++;
      // Heat from the backup costs COP times more: it runs only in slots where the heat pump is at its limit.
      bu.forEach((w, k) => { if (w > 1e-6) expect((fast.powerW[k] as number) - w).toBeGreaterThan((p.maxPowerW[k] as number) * (1 - 1e-6)); });
    }
    expect(backupUsed).toBeGreaterThan(0);
  });

  it('a household its unit cannot keep warm is planned warm with the backup heater, still exact with an allowance and a price adder', () => {
    const alone = syntheticHousehold({ id: 'cold', maxPowerW: 1000, outdoorC: -5, initialTempC: 19, priceYuanPerKWh: valleyPrice }); // needs 250·23 W of heat, the unit gives 3 kW
    expect(solveHouseholdFast(prepareHousehold(alone)).comfortViolations).toBeGreaterThan(0);
    const withBackup = { ...alone, backupMaxW: new Float64Array(96).fill(4000) };
    const adder = Float64Array.from({ length: 96 }, (_, k) => (k >= 80 ? 0.3 : 0));
    const cap = new Float64Array(96).fill(5000).fill(3000, 0, 16);
    const fast = solveHouseholdFast(prepareHousehold(withBackup), { powerCapW: cap, priceAdderYuanPerKWh: adder });
    expect(fast.comfortViolations).toBe(0);
    expect(fast.backupW?.some((w) => w > 0)).toBe(true);
    fast.powerW.forEach((w, k) => expect(w).toBeLessThanOrEqual((cap[k] as number) + 1e-6));
    // HiGHS on the same problem with the allowance and the adder folded into the data.
    const folded = { ...withBackup, priceYuanPerKWh: Float64Array.from(withBackup.priceYuanPerKWh, (x, k) => x + (adder[k] as number)),
      maxPowerW: Float64Array.from(cap, (c) => Math.min(c, 1000)) };
    // The allowance caps heat pump + backup together; for HiGHS it is split (heat pump first, as the solver does).
    const exact = lp({ ...folded, backupMaxW: Float64Array.from(cap, (c, k) => Math.min(4000, c - (folded.maxPowerW[k] as number))) });
    expect(Math.abs(fast.objectiveYuan - exact.objectiveYuan)).toBeLessThanOrEqual(1e-6 * exact.objectiveYuan);
  });

  it('respects a per-slot power allowance and a coordination price adder', () => {
    const p = syntheticHousehold({ priceYuanPerKWh: valleyPrice });
    const pr = prepareHousehold(p);
    const cap = new Float64Array(96).fill(4000);
    cap.fill(500, 0, 32);
    const plan = solveHouseholdFast(pr, { powerCapW: cap });
    for (let k = 0; k < 32; k++) expect(plan.powerW[k]).toBeLessThanOrEqual(500 + 1e-9);
    const adder = new Float64Array(96).fill(0);
    adder.fill(1, 24, 32); // make 06:00–08:00 dear
    const shifted = solveHouseholdFast(pr, { priceAdderYuanPerKWh: adder });
    const base = solveHouseholdFast(pr);
    const e = (x: Float64Array) => x.slice(24, 32).reduce((s, w) => s + w, 0);
    expect(e(shifted.powerW)).toBeLessThan(e(base.powerW));
  });
});
