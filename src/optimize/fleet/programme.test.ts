import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareHousehold, solveHouseholdFast } from '../household-fast.js';
import { valleyHouseholds } from '../household-fixture.js';
import type { HouseholdProblem } from '../household-problem.js';
import { loadHighs } from '../load-highs.js';
import { coordinateFleet, coordinateProgramme, parseProgrammeTarget, solveFleetMonolithic, type ProgrammeTarget, type TransformerGroup } from './index.js';

let highs: Highs;
beforeAll(async () => { highs = await loadHighs(); });

const households = (seed: number, count: number, prefix: string): HouseholdProblem[] => valleyHouseholds(seed, count, prefix, 3);
const uncoordinatedLoadW = (hh: readonly HouseholdProblem[]) => {
  const load = new Float64Array(96);
  for (const h of hh) solveHouseholdFast(prepareHousehold(h)).powerW.forEach((w, k) => { load[k] = (load[k] as number) + w; });
  return load;
};
/** A transformer carrying `share` of the group's uncoordinated peak (power factor 0.9). */
const group = (id: string, hh: HouseholdProblem[], share: number): TransformerGroup => ({ id, ratingKVA: (share * Math.max(...uncoordinatedLoadW(hh))) / 0.9 / 1000, powerFactor: 0.9, households: hh });
const threeGroups = () => [group('T1', households(11, 5, 'a'), 0.9), group('T2', households(12, 5, 'b'), 0.85), group('T3', households(13, 6, 'c'), 0.95)];
/** The programme's uncoordinated peak: every household on its own optimum. */
const programmePeakW = (gs: readonly TransformerGroup[]) => Math.max(...uncoordinatedLoadW(gs.flatMap((g) => g.households)));
const target = (input: unknown): ProgrammeTarget => { const r = parseProgrammeTarget(input, 96); if (!r.ok) throw new Error(r.message); return r.target; };
const totalLoadW = (gs: readonly { loadW: Float64Array }[]) => Float64Array.from({ length: 96 }, (_, k) => gs.reduce((s, g) => s + (g.loadW[k] as number), 0));

describe('programme-level limit across transformer groups', () => {
  it('3 groups × 5–6 households at 70 % of the programme peak: within 0.5 % of the HiGHS monolithic optimum, every limit held, comfort kept', () => {
    const groups = threeGroups();
    const t = target({ maxPowerW: 0.7 * programmePeakW(groups) });
    const plan = coordinateProgramme(groups, t, {}, highs);
    const mono = solveFleetMonolithic(highs, groups, undefined, t);
    if (!mono.ok) throw new Error(mono.status);
    const load = totalLoadW(plan.groups);
    for (let k = 0; k < 96; k++) expect(load[k]).toBeLessThanOrEqual((t.maxPowerW[k] as number) * (1 + 1e-9));
    for (const g of plan.groups) for (let k = 0; k < 96; k++) expect(g.loadW[k]).toBeLessThanOrEqual((g.capacityW[k] as number) * (1 + 1e-9));
    expect(plan.programme.method).toBe('master');
    expect(plan.programme.rounds).toBeGreaterThan(0);
    expect(plan.programme.bindingSlots.length).toBeGreaterThan(0);
    expect(plan.comfortViolations).toBe(0);
    expect(plan.alarm).toBe(false);
    expect(plan.objectiveYuan).toBeGreaterThanOrEqual(mono.objectiveYuan * (1 - 1e-6));
    expect((plan.objectiveYuan - mono.objectiveYuan) / mono.objectiveYuan).toBeLessThanOrEqual(0.005);
    expect(plan.lowerBoundYuan).toBeLessThanOrEqual(mono.objectiveYuan * (1 + 1e-6)); // the certificate is a true bound
    expect(plan.certifiedGapPct).toBeLessThanOrEqual(0.5);
    // The monolithic LP holds the programme row too (its plans' sum, up to solver round-off).
    const monoLoad = Float64Array.from({ length: 96 }, (_, k) => mono.plans.reduce((s, p) => s + (p.powerW[k] as number), 0));
    for (let k = 0; k < 96; k++) expect(monoLoad[k]).toBeLessThanOrEqual((t.maxPowerW[k] as number) + 1);
    // The limit costs something: the plan without it is cheaper, and the monolithic optimum agrees.
    const free = solveFleetMonolithic(highs, groups);
    if (!free.ok) throw new Error(free.status);
    expect(mono.objectiveYuan).toBeGreaterThan(free.objectiveYuan);
  });

  it('without HiGHS (subgradient prices, shared-out limit): every limit held and a true certificate', () => {
    const groups = threeGroups();
    const t = target({ maxPowerW: 0.75 * programmePeakW(groups), maxRounds: 8 });
    const plan = coordinateProgramme(groups, t);
    const mono = solveFleetMonolithic(highs, groups, undefined, t);
    if (!mono.ok) throw new Error(mono.status);
    expect(plan.programme.method).toBe('subgradient');
    const load = totalLoadW(plan.groups);
    for (let k = 0; k < 96; k++) expect(load[k]).toBeLessThanOrEqual((t.maxPowerW[k] as number) * (1 + 1e-9));
    for (const g of plan.groups) for (let k = 0; k < 96; k++) expect(g.loadW[k]).toBeLessThanOrEqual((g.capacityW[k] as number) * (1 + 1e-9));
    expect(plan.lowerBoundYuan).toBeLessThanOrEqual(mono.objectiveYuan * (1 + 1e-6));
    expect(plan.objectiveYuan).toBeGreaterThanOrEqual(mono.objectiveYuan * (1 - 1e-6));
    expect((plan.objectiveYuan - mono.objectiveYuan) / mono.objectiveYuan).toBeLessThanOrEqual(0.03);
  });

  it('a limit that does not bind returns the ordinary fleet plan unchanged', () => {
    const groups = threeGroups();
    const plan = coordinateProgramme(groups, target({ maxPowerW: 10 * programmePeakW(groups) }), {}, highs);
    const plain = coordinateFleet(groups, {}, highs);
    expect(plan.programme.rounds).toBe(0);
    expect(plan.programme.method).toBe('uncoupled');
    expect(plan.objectiveYuan).toBe(plain.objectiveYuan);
    expect([...totalLoadW(plan.groups)]).toEqual([...totalLoadW(plain.groups)]);
  });

  it('committed heat above the limit: programme-target-infeasible naming the slots and the excess, alarm raised, no flexible load there', () => {
    const groups = threeGroups();
    const committedW = Array.from({ length: 96 }, (_, k) => (k >= 40 && k < 44 ? 30_000 : 1_000));
    const plan = coordinateProgramme(groups, target({ maxPowerW: 20_000, committedW }), {}, highs);
    const issue = plan.programmeIssues.find((i) => i.slots.includes(40));
    expect(plan.alarm).toBe(true);
    expect(issue?.code).toBe('programme-target-infeasible');
    expect(issue?.slots).toEqual([40, 41, 42, 43]);
    expect(issue?.excessW).toEqual([10_000, 10_000, 10_000, 10_000]);
    expect(issue?.message).toContain('slot 40 by 10.0 kW');
    const load = totalLoadW(plan.groups);
    for (let k = 40; k < 44; k++) expect(load[k]).toBeLessThanOrEqual(1e-6);
    for (let k = 0; k < 96; k++) expect(load[k]).toBeLessThanOrEqual(Math.max(0, 20_000 - (committedW[k] as number)) * (1 + 1e-9) + 1e-6);
  });

  it('a negative, non-finite or wrongly sized limit is rejected naming the field', () => {
    const bad = (input: unknown) => { const r = parseProgrammeTarget(input, 96); return r.ok ? '' : r.message; };
    expect(bad({ maxPowerW: -5 })).toMatch(/maxPowerW.*negative/);
    expect(bad({ maxPowerW: Number.POSITIVE_INFINITY })).toMatch(/maxPowerW.*finite/);
    expect(bad({ maxPowerW: Number.NaN })).toMatch(/maxPowerW/);
    expect(bad({ maxPowerW: [1, 2, 3] })).toMatch(/maxPowerW: 3 values for a plan of 96 slots/);
    expect(bad({ maxPowerW: 1000, committedW: [-1, ...new Array<number>(95).fill(0)] })).toMatch(/committedW.*negative/);
  });
});
