import { describe, expect, it } from 'vitest';
import { eventsByUnit, faultEventsFromReadings } from './after-sales.js';
import { creditList, parseCreditRules } from './credit-rules.js';
import { buildUnit, population, type UnitSpec } from './test-population.js';

const model = (model: string, spfs: readonly number[], extra: Partial<UnitSpec> = {}): UnitSpec[] =>
  spfs.map((spf, i) => ({ id: `${model}-${i}`, model, spf, ...extra }));

describe('credit list', () => {
  // A1: median 3.2 (passes); B2: median 2.4 (listed under the median rule); C3: 2 units only; E5: median 2.8 but 2 of 5 units below 2.5.
  const units = population([...model('A1', [3.0, 3.1, 3.2, 3.3, 3.4]), ...model('B2', [2.2, 2.3, 2.4, 2.5, 2.6]), ...model('C3', [1.5, 1.6]), ...model('E5', [2.1, 2.2, 2.8, 3.0, 3.1])]);
  const rule = { id: 'spf-floor', kind: 'median-spf-below', boundary: 'h2', thresholdSpf: 2.5, minUnits: 5, minCoveragePct: 80 };
  it('lists the models whose median SPF H2 is below the threshold, with the rule in words and every unit as evidence', () => {
    const list = creditList(units, [rule]);
    expect(list.entries.map((e) => e.key)).toEqual(['Acme / B2']);
    const e = list.entries[0];
    expect(e?.ruleText).toBe('models whose median measured SPF H2 is below 2.5 over ≥ 5 units with ≥ 80 % coverage');
    expect(e?.value).toBeCloseTo(2.4, 6);
    expect([e?.threshold, e?.n, e?.boundary, e?.period?.toIso]).toEqual([2.5, 5, 'h2', '2019-01-09T18:00:00.000Z']);
    expect(e?.units.map((u) => [u.unitId, Number(u.figure?.toFixed(3)), u.fails])).toEqual([['B2-0', 2.2, true], ['B2-1', 2.3, true], ['B2-2', 2.4, true], ['B2-3', 2.5, false], ['B2-4', 2.6, false]]);
    const outcome = list.rules[0];
    expect(outcome?.notJudged.map((g) => [g.key, g.reason])).toEqual([['Acme / C3', 'insufficient data: 2 of 2 units meet the data rules, 5 needed']]);
    expect(outcome?.passed.map((g) => g.key)).toEqual(['Acme / A1', 'Acme / E5']);
  });
  it('a share-below-floor rule catches a model whose median passes but whose tail fails', () => {
    const list = creditList(units, [{ kind: 'share-below-floor', boundary: 'h2', floorSpf: 2.5, maxSharePct: 30, minUnits: 5, minCoveragePct: 80 }]);
    expect(list.entries.map((e) => [e.key, e.value])).toEqual([['Acme / B2', 60], ['Acme / E5', 40]]);
    expect(list.rules[0]?.ruleId).toBe('rule-1');
  });
  it('comfort failures, not-evaluable shares and fault rates per unit-season', () => {
    const cold = population([...model('K1', [3, 3, 3], { indoorC: 16 }), ...model('K1b', [3, 3], { model: 'K1', indoorC: 20 }).map((s, i) => ({ ...s, id: `K1-warm-${i}` }))]);
    const comfort = creditList(cold, [{ kind: 'comfort-failure-share', maxHoursBelowPct: 10, maxSharePct: 50, minUnits: 5 }]);
    expect(comfort.entries.map((e) => [e.key, e.value])).toEqual([['Acme / K1', 60]]);
    const metered = population([...model('M1', [3, 3, 3, 3]), { id: 'M1-bad', model: 'M1', spf: 3, heatMeterFault: true }]);
    const ne = creditList(metered, [{ kind: 'not-evaluable-share', maxSharePct: 10, minUnits: 5 }]);
    expect(ne.entries[0]?.value).toBe(20);
    expect(ne.entries[0]?.units.find((u) => u.fails)?.unitId).toBe('M1-bad');
    const built = [0, 1, 2, 3, 4].map((i) => buildUnit({ id: `F-${i}`, model: 'F1', spf: 3, ...(i < 2 ? { fault: { code: 'E3', from: 10, to: 20 } } : {}) }));
    const events = faultEventsFromReadings(built.flatMap((b) => b.readings));
    // 2 events over 5 units × 2 h; one 121-day season = 2,904 h → 2 / (10 / 2904) = 580.8 events per unit-season.
    const fr = creditList(built.map((b) => b.evaluated), [{ kind: 'fault-rate', maxEventsPerUnitSeason: 1, minUnits: 5 }], eventsByUnit(events));
    expect(fr.entries[0]?.value).toBeCloseTo(580.8, 6);
    expect(() => creditList(built.map((b) => b.evaluated), [{ kind: 'fault-rate', maxEventsPerUnitSeason: 1, minUnits: 5 }])).toThrow(/needs fault events/);
  });
  it('bad rules are clear errors naming the rule and field', () => {
    expect(() => parseCreditRules([{ kind: 'median-spf-below', boundary: 'h2', thresholdSpf: -1, minUnits: 5, minCoveragePct: 80 }])).toThrow(/0\.thresholdSpf/);
    expect(() => parseCreditRules([{ kind: 'median-spf-below', boundary: 'h9', thresholdSpf: 2.5, minUnits: 5, minCoveragePct: 80 }])).toThrow(/0\.boundary/);
    expect(() => parseCreditRules([rule, { kind: 'best-in-class' }])).toThrow(/1\.kind/);
    expect(() => parseCreditRules([{ ...rule, minCoveragePct: 120 }])).toThrow(/minCoveragePct/);
    expect(() => parseCreditRules([{ ...rule, thresholdSPF: 2 }])).toThrow(/thresholdSPF|unrecognized/i);
    expect(() => parseCreditRules([])).toThrow(/credit rules/);
    expect(() => creditList(units, [rule, rule])).toThrow(/"spf-floor" is used twice/);
  });
});
