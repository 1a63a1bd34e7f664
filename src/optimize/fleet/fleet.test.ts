import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareHousehold, solveHouseholdFast } from '../household-fast.js';
import { beijingValleyPrice, syntheticHousehold, valleyHouseholds } from '../household-fixture.js';
import type { HouseholdProblem } from '../household-problem.js';
import { loadHighs } from '../load-highs.js';
import { coordinateFleet, heatingCapacityW, solveFleetMonolithic, type TransformerGroup } from './index.js';

let highs: Highs;
beforeAll(async () => { highs = await loadHighs(); });

const households = (seed: number, count: number, prefix: string): HouseholdProblem[] => valleyHouseholds(seed, count, prefix);
/** A transformer carrying `share` of the group's uncoordinated peak (W → kVA at power factor 0.9). */
function group(id: string, hh: HouseholdProblem[], share: number): TransformerGroup {
  const load = new Float64Array(96);
  for (const h of hh) solveHouseholdFast(prepareHousehold(h)).powerW.forEach((w, k) => { load[k] = (load[k] as number) + w; });
  return { id, ratingKVA: (share * Math.max(...load)) / 0.9 / 1000, powerFactor: 0.9, households: hh };
}
const overloadW = (g: { loadW: Float64Array; capacityW: Float64Array }) => Math.max(...g.loadW.map((l, k) => l - (g.capacityW[k] as number)));

describe('fleet coordination', () => {
  it('20 households behind 2 transformers: within 0.5 % of the HiGHS monolithic optimum, limit held, comfort kept', () => {
    const groups = [group('T1', households(1, 10, 'a'), 0.7), group('T2', households(2, 10, 'b'), 0.7)];
    const plan = coordinateFleet(groups, { recovery: 'master' }, highs);
    const mono = solveFleetMonolithic(highs, groups);
    if (!mono.ok) throw new Error(mono.status);
    expect(plan.comfortViolations).toBe(0);
    expect(plan.alarm).toBe(false);
    for (const g of plan.groups) expect(overloadW(g)).toBeLessThanOrEqual(1e-6);
    expect(plan.objectiveYuan).toBeGreaterThanOrEqual(mono.objectiveYuan * (1 - 1e-6));
    expect((plan.objectiveYuan - mono.objectiveYuan) / mono.costYuan).toBeLessThanOrEqual(0.005);
    expect(plan.lowerBoundYuan).toBeLessThanOrEqual(mono.objectiveYuan * (1 + 1e-6)); // the certificate is a true bound
    const fast = coordinateFleet(groups); // restoration only: feasible and safe, not as close on 10-household groups
    expect(fast.comfortViolations).toBe(0);
    for (const g of fast.groups) expect(overloadW(g)).toBeLessThanOrEqual(1e-6);
    expect(fast.objectiveYuan).toBeGreaterThanOrEqual(plan.objectiveYuan * (1 - 1e-9));
  });

  it('column generation (the default with HiGHS) reaches 0.1 % of the monolithic optimum with a true certificate', () => {
    const groups = [group('T1', households(6, 30, 'f'), 0.7)];
    const plan = coordinateFleet(groups, { gapTolerance: 0.001 }, highs);
    const mono = solveFleetMonolithic(highs, groups);
    if (!mono.ok) throw new Error(mono.status);
    expect(plan.comfortViolations).toBe(0);
    for (const g of plan.groups) expect(overloadW(g)).toBeLessThanOrEqual(1e-6);
    expect(plan.groups[0]?.dualIterations).toBeGreaterThan(0);
    expect(plan.lowerBoundYuan).toBeLessThanOrEqual(mono.objectiveYuan * (1 + 1e-6));
    expect(plan.objectiveYuan).toBeGreaterThanOrEqual(mono.objectiveYuan * (1 - 1e-6));
    expect((plan.objectiveYuan - mono.objectiveYuan) / mono.costYuan).toBeLessThanOrEqual(0.001);
    expect(plan.certifiedGapPct).toBeLessThanOrEqual(0.1);
  });

  it('the valley-start rebound is staggered: the uncoordinated peak exceeds the limit, the plan does not', () => {
    const g = group('T1', households(3, 12, 'c'), 0.6);
    const cap = heatingCapacityW(g, 96);
    const plan = coordinateFleet([g]);
    const gp = plan.groups[0];
    if (!gp) throw new Error('no plan');
    expect(Math.max(...gp.loadW)).toBeLessThanOrEqual((cap[0] as number) + 1e-6);
    expect(gp.dualIterations).toBeGreaterThan(0);
  });

  it('a transformer too small for the minimum heat demand: the plan holds the limit and names the transformer and households', () => {
    const g: TransformerGroup = { id: 'T-small', ratingKVA: 2, powerFactor: 0.9, households: households(4, 5, 'd') };
    const plan = coordinateFleet([g], {}, highs); // the alarm survives the exact HiGHS check of the group
    expect(plan.alarm).toBe(true);
    const issue = plan.issues.find((i) => i.code === 'transformer-too-small');
    expect(issue?.code === 'transformer-too-small' && issue.transformerId).toBe('T-small');
    expect(issue?.code === 'transformer-too-small' && issue.householdIds.length).toBeGreaterThan(0);
    expect(overloadW(plan.groups[0]!)).toBeLessThanOrEqual(1e-6);
  });

  it('a household whose unit cannot hold comfort gets its comfort-first schedule and an alarm naming it', () => {
    const weak = syntheticHousehold({ id: 'weak', priceYuanPerKWh: beijingValleyPrice, maxPowerW: 800, outdoorC: -8 });
    const g = group('T1', [...households(5, 6, 'e'), weak], 0.8);
    const plan = coordinateFleet([g]);
    const issue = plan.issues.find((i) => i.code === 'comfort-infeasible');
    expect(issue?.code === 'comfort-infeasible' && issue.householdIds).toEqual(['weak']);
    const w = plan.groups[0]?.plans.find((p) => p.id === 'weak');
    for (const x of w?.powerW ?? []) expect(x).toBeCloseTo(800, 3);
  });

  it('a transformer too small even for households that cannot hold comfort alone: never overloaded, both alarms raised', () => {
    const weak = ['w1', 'w2', 'w3'].map((id) => syntheticHousehold({ id, priceYuanPerKWh: beijingValleyPrice, maxPowerW: 800, outdoorC: -8 }));
    const g: TransformerGroup = { id: 'T-tiny', ratingKVA: 1, powerFactor: 0.9, households: [...weak, ...households(8, 3, 'h')] };
    for (const plan of [coordinateFleet([g]), coordinateFleet([g], {}, highs)]) {
      expect(overloadW(plan.groups[0]!)).toBeLessThanOrEqual(1e-6);
      expect(plan.issues.map((i) => i.code).sort()).toEqual(['comfort-infeasible', 'transformer-too-small']);
      expect(plan.alarm).toBe(true);
    }
  });

  it('with a backup heater the weak household is planned warm, no alarm, and the fleet plan still matches HiGHS', () => {
    const weak = syntheticHousehold({ id: 'weak', priceYuanPerKWh: beijingValleyPrice, maxPowerW: 800, outdoorC: -8, backupMaxW: 5000 }); // needs 6.5 kW of heat, the unit gives 2.4
    const g = group('T1', [...households(10, 12, 'k'), weak], 0.75);
    const plan = coordinateFleet([g], { gapTolerance: 0.001 }, highs);
    const mono = solveFleetMonolithic(highs, [g]);
    if (!mono.ok) throw new Error(mono.status);
    expect(plan.alarm).toBe(false);
    expect(plan.comfortViolations).toBe(0);
    const w = plan.groups[0]?.plans.find((p) => p.id === 'weak');
    expect(w?.backupW?.some((x) => x > 0)).toBe(true);
    expect(overloadW(plan.groups[0]!)).toBeLessThanOrEqual(1e-6); // the backup's power counts on the transformer
    expect((plan.objectiveYuan - mono.objectiveYuan) / mono.costYuan).toBeLessThanOrEqual(0.002);
  });

  it('base load reduces the capacity left for heating, never below zero', () => {
    const base = new Float64Array(96).fill(5000);
    base[10] = 1e9;
    const cap = heatingCapacityW({ id: 'T', ratingKVA: 100, powerFactor: 0.9, baseLoadW: base, households: [] }, 96);
    expect(cap[0]).toBeCloseTo(85_000, 6);
    expect(cap[10]).toBe(0);
  });
});
