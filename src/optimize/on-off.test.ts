import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../sim/index.js';
import { prepareHousehold, solveHouseholdFast } from './household-fast.js';
import { randomHousehold, syntheticHousehold } from './household-fixture.js';
import { loadHighs } from './load-highs.js';
import { onOffStates, onOffViolations, solveHouseholdOnOff } from './on-off.js';

let highs: Highs;
beforeAll(async () => { highs = await loadHighs(); });
const valleyPrice = (k: number) => (k < 32 || k >= 80 ? 0.1 : 0.4883);

describe('fixed-speed units: minimum on/off times', () => {
  it('the checker names runs and pauses shorter than the rule, not those at the ends of the day', () => {
    const states = Uint8Array.from([1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1]);
    expect(onOffViolations(states, { minOnSlots: 3, minOffSlots: 3 })).toEqual([
      { kind: 'short-pause', fromSlot: 1, slots: 1, minSlots: 3 },
      { kind: 'short-run', fromSlot: 2, slots: 2, minSlots: 3 },
      { kind: 'short-run', fromSlot: 7, slots: 1, minSlots: 3 },
      { kind: 'short-pause', fromSlot: 8, slots: 2, minSlots: 3 },
    ]);
    expect(onOffViolations(states, { minOnSlots: 1, minOffSlots: 1 })).toEqual([]);
  });

  it('MILP: full power or off, runs ≥ 2 h and pauses ≥ 1 h, comfort kept, never cheaper than the LP whose plan breaks the rule', () => {
    const rule = { minOnSlots: 4, minOffSlots: 2 };
    const rng = mulberry32(23);
    let lpBreaksRule = 0;
    for (let i = 0; i < 3; i++) {
      // 48 half-hour slots keep the branch and bound short on a loaded machine; the rule is the same in hours.
      const p = { ...randomHousehold(rng, `f${i}`, 48), slotS: 1800, priceYuanPerKWh: Float64Array.from({ length: 48 }, (_, k) => valleyPrice(2 * k)) };
      const lp = solveHouseholdFast(prepareHousehold(p));
      if (lp.comfortViolations > 0) continue;
      if (onOffViolations(onOffStates(p, lp), rule).length > 0) lpBreaksRule++;
      // A time limit bounds the branch and bound; a schedule found by then must still obey the rule.
      const r = solveHouseholdOnOff(highs, p, rule, { timeLimitS: 30, mipRelGap: 0.005 });
      if (!r.ok) throw new Error(r.message);
      expect(onOffViolations(r.states, rule)).toEqual([]);
      r.powerW.forEach((w, k) => expect(Math.min(Math.abs(w), Math.abs(w - (p.maxPowerW[k] as number)))).toBeLessThan(1e-3));
      expect(r.comfortViolations).toBe(0);
      expect(r.objectiveYuan).toBeGreaterThanOrEqual(lp.objectiveYuan * (1 - 1e-6));
    }
    expect(lpBreaksRule).toBeGreaterThan(0);
  }, 60_000);

  it('a rule that is not a whole number of slots is a value naming the household', () => {
    const r = solveHouseholdOnOff(highs, syntheticHousehold({ id: 'x' }), { minOnSlots: 0.5, minOffSlots: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^x: minimum on\/off times/);
  });
});
