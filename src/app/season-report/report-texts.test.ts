/**
 * Post-evaluation texts (credit rules, the statistic an entry was judged on, "insufficient data" reasons, the
 * rankings' data rules, the influence model's reason and factor notes) reach the wire as codes with their
 * numbers, and the catalogues word them exactly as the English fields do — on real engine output.
 */
import { describe, expect, it } from 'vitest';
import { eventsByUnit, faultEventsFromReadings } from '../../analytics/fleet-eval/after-sales.js';
import { creditList } from '../../analytics/fleet-eval/credit-rules.js';
import { influenceFactors } from '../../analytics/fleet-eval/influence-factors.js';
import { rankGroups } from '../../analytics/fleet-eval/rankings.js';
import { buildUnit, type UnitSpec } from '../../analytics/fleet-eval/test-population.js';
import { renderText, type TextCatalogue } from '../../contract/texts/render-text.js';
import { CREDIT_RULE_TEXTS, CREDIT_STATISTIC_TEXTS, INFLUENCE_TEXTS, INSUFFICIENT_DATA_TEXTS, RANKING_RULE_TEXTS } from '../../contract/texts/report-texts.js';
import { INFLUENCE_METHOD } from './post-eval-wire.js';
import { INFLUENCE_METHOD_REF, reportTextRef } from './texts.js';

const HAN = /[\u4e00-\u9fff]/;
const model = (m: string, spfs: readonly number[], extra: Partial<UnitSpec> = {}): UnitSpec[] => spfs.map((spf, i) => ({ id: `${m}-${i}`, model: m, spf, ...extra }));
const built = [
  ...model('A1', [3.0, 3.1, 3.2, 3.3, 3.4]), ...model('B2', [2.2, 2.3, 2.4, 2.5, 2.6], { indoorC: 16 }), ...model('C3', [1.5, 1.6]),
  ...model('F1', [3, 3, 3, 3, 3]).map((s, i) => (i < 2 ? { ...s, fault: { code: 'E3', from: 10, to: 20 } } : s)),
  { id: 'M-bad', model: 'F1', spf: 3, heatMeterFault: true },
].map(buildUnit);
const units = built.map((b) => b.evaluated);
const faults = eventsByUnit(faultEventsFromReadings(built.flatMap((b) => b.readings)));

/** The English of `ref` from its catalogue equals the engine's English, and its zh-CN is Chinese. */
function expectWorded(catalogue: TextCatalogue, ref: { code: string; params: Readonly<Record<string, string | number>> }, english: string): void {
  const wire = reportTextRef(ref);
  expect(renderText(catalogue, wire, 'en'), `${ref.code}`).toBe(english);
  expect(renderText(catalogue, wire, 'zh-CN') ?? '', `${ref.code} zh-CN`).toMatch(HAN);
}

describe('credit list texts as codes', () => {
  const rules = [
    { id: 'median', kind: 'median-spf-below', boundary: 'h2', thresholdSpf: 2.5, minUnits: 5, minCoveragePct: 80 },
    { id: 'median-heat', kind: 'median-spf-below', groupBy: 'manufacturer', boundary: 'h4', thresholdSpf: 3.1, minUnits: 5, minCoveragePct: 75, minHeatKWh: 0.5 },
    { id: 'floor', kind: 'share-below-floor', boundary: 'h2', floorSpf: 2.5, maxSharePct: 30, minUnits: 5, minCoveragePct: 80 },
    { id: 'floor-heat', kind: 'share-below-floor', boundary: 'h2', floorSpf: 2.5, maxSharePct: 30, minUnits: 5, minCoveragePct: 80, minHeatKWh: 1.25 },
    { id: 'comfort', kind: 'comfort-failure-share', maxHoursBelowPct: 10, maxSharePct: 50, minUnits: 5 },
    { id: 'faults', kind: 'fault-rate', maxEventsPerUnitSeason: 2.5, minUnits: 5 },
    { id: 'metering', kind: 'not-evaluable-share', maxSharePct: 10, minUnits: 5 },
  ];
  const list = creditList(units, rules, faults);

  it('every rule, statistic and not-judged reason the engine makes reads, from its code, as the engine\'s own English', () => {
    const statistics = new Set<string>();
    for (const o of list.rules) {
      expectWorded(CREDIT_RULE_TEXTS, o.ruleTextRef, o.ruleText);
      for (const e of o.listed) {
        expect(e.ruleTextRef).toEqual(o.ruleTextRef);
        expectWorded(CREDIT_STATISTIC_TEXTS, e.statisticRef, e.statistic);
        statistics.add(e.statisticRef.code);
      }
      for (const g of o.notJudged) expectWorded(INSUFFICIENT_DATA_TEXTS, g.reasonRef, g.reason);
    }
    expect(list.rules.map((o) => o.ruleTextRef.code)).toEqual(['median-spf-below', 'median-spf-below-min-heat', 'share-below-floor', 'share-below-floor-min-heat', 'comfort-failure-share', 'fault-rate', 'not-evaluable-share']);
    // Every statistic of the catalogue is met on this population (each rule lists at least one group).
    expect([...statistics].sort()).toEqual(Object.keys(CREDIT_STATISTIC_TEXTS).sort());
    expect(list.rules[0]?.notJudged.map((g) => g.reasonRef)).toEqual([{ code: 'credit-data-rules', params: { eligible: 2, units: 2, minUnits: 5 } }]);
  });

  it('the median rule reads in Chinese with its numbers and the model / manufacturer wording', () => {
    const [median, heat] = list.rules;
    if (!median || !heat) throw new Error('rules missing');
    expect(renderText(CREDIT_RULE_TEXTS, median.ruleTextRef, 'zh-CN')).toBe('实测 SPF H2 中位数低于 2.5 的型号（至少 5 台，每台覆盖率 ≥ 80%）');
    expect(renderText(CREDIT_RULE_TEXTS, heat.ruleTextRef, 'zh-CN')).toBe('实测 SPF H4 中位数低于 3.1 的厂家（至少 5 台，每台覆盖率 ≥ 75%，制热量 ≥ 0.5 kWh）');
    const entry = median.listed[0];
    if (!entry) throw new Error('nothing listed');
    expect(renderText(CREDIT_STATISTIC_TEXTS, entry.statisticRef, 'zh-CN')).toBe('SPF H2 中位数');
    expect(renderText(INSUFFICIENT_DATA_TEXTS, reportTextRef(median.notJudged[0]?.reasonRef ?? { code: '', params: {} }), 'zh-CN')).toBe('数据不足：2 台中有 2 台满足数据要求，需要 5 台');
  });
});

describe('ranking texts as codes', () => {
  it('the data rules and each insufficient-data reason read as the engine\'s English, and in Chinese', () => {
    const r = rankGroups(units, { groupBy: 'model', boundary: 'h2', minUnits: 5, minCoveragePct: 80, minHeatKWh: 0 });
    expectWorded(RANKING_RULE_TEXTS, r.rulesRef, r.rules);
    expect(r.insufficientData.length).toBeGreaterThan(0);
    for (const g of r.insufficientData) expectWorded(INSUFFICIENT_DATA_TEXTS, g.reasonRef, g.reason);
    expect(renderText(RANKING_RULE_TEXTS, reportTextRef(r.rulesRef), 'zh-CN')).toBe('纳入覆盖率 ≥ 80%、H2 边界制热量 ≥ 0 kWh 且无计量故障的机组；此类机组不少于 5 台的分组参与排名');
  });
});

describe('influence texts as codes', () => {
  const E = [-0.1, -0.05, 0, 0.05, 0.1];
  const cells: [UnitSpec['emitter'], UnitSpec['control'], number][] = [['floor', 'inverter', 3.5], ['radiator', 'inverter', 2.7], ['floor', 'fixed-speed', 3.3], ['radiator', 'fixed-speed', 2.5]];
  const specs: UnitSpec[] = cells.flatMap(([emitter, control, mean], c) => E.map((e, i) => ({ id: `u${c}-${i}`, emitter, control, spf: mean + e, capacityKw: emitter === 'floor' ? 8 : 12 })));
  const pop = specs.map((s) => buildUnit(s).evaluated);
  const mixed = specs.map((s, i) => buildUnit(i === 0 ? { ...s, capacityKw: 12 } : s).evaluated);
  const floorOnly = specs.filter((s) => s.emitter === 'floor').map((s) => buildUnit(s).evaluated);

  it('the model\'s reason and every factor note read as the engine\'s English', () => {
    const runs = [
      influenceFactors(pop, { factors: ['emitter', 'flowTempC', 'nominalCapacityKw'], minUnits: 10, minUnitsPerCoefficient: 2 }),
      influenceFactors(pop, { factors: ['emitter', 'capacityControl'] }),
      influenceFactors(mixed, { factors: ['emitter', 'nominalCapacityKw'], minUnits: 10, minUnitsPerCoefficient: 2 }),
      influenceFactors(floorOnly, { factors: ['emitter'], minUnits: 5 }),
      influenceFactors(pop, { factors: ['emitter', 'capacityControl'], minUnits: 10, minUnitsPerCoefficient: 2, minUnitsPerLevel: 11 }),
    ];
    const seen = new Set<string>();
    for (const r of runs) {
      if (r.model.status === 'insufficient-data') { expectWorded(INFLUENCE_TEXTS, r.model.reasonRef, r.model.reason); seen.add(r.model.reasonRef.code); }
      for (const f of r.factors) {
        expect(f.noteRef === null, `${f.factor} has a note and a ref together`).toBe(f.note === null);
        if (f.noteRef && f.note !== null) { expectWorded(INFLUENCE_TEXTS, f.noteRef, f.note); seen.add(f.noteRef.code); }
      }
    }
    expect([...seen].sort()).toEqual(['collinear', 'confounded', 'every-unit-is', 'no-estimable-factor', 'same-value', 'too-few-levels', 'too-few-units']);
  });

  it('the method reads as the English the API sends', () => {
    expect(renderText(INFLUENCE_TEXTS, INFLUENCE_METHOD_REF, 'en')).toBe(INFLUENCE_METHOD);
    expect(renderText(INFLUENCE_TEXTS, INFLUENCE_METHOD_REF, 'zh-CN')).toMatch(/^SPF 对各因素的多元线性回归/);
  });
});
