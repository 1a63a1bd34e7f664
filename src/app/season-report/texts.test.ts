/**
 * The season report's server-made texts reach the wire as codes with their numbers, and the catalogues word them
 * exactly as the English fields do (so a zh-CN reader and an English one see the same finding), on units built
 * through the real KPI engine.
 */
import { describe, expect, it } from 'vitest';
import { CauseThresholdsSchema, diagnoseCauses } from '../../analytics/fleet-eval/causes.js';
import { notEvaluableReasons } from '../../analytics/fleet-eval/evaluability.js';
import { buildUnit, HEALTHY_EXPECTED } from '../../analytics/fleet-eval/test-population.js';
import { computeUnitKpis } from '../../analytics/unit-kpis/index.js';
import { minutes, period, UNIT } from '../../analytics/unit-kpis/test-support.js';
import { CAUSE_TEXTS, EVIDENCE_FIGURE_TEXTS } from '../../contract/texts/cause-texts.js';
import { renderText } from '../../contract/texts/render-text.js';
import { NOT_EVALUABLE_TEXTS, PLAUSIBILITY_TEXTS, UNIT_WARNING_TEXTS } from '../../contract/texts/unit-texts.js';
import { causeRef, evidenceFigureRef, notEvaluableRef, plausibilityRef, warningRefsOf } from './texts.js';
import { fleetRow } from './wire.js';

const HAN = /[\u4e00-\u9fff]/;

describe('unit KPI warnings as codes', () => {
  it('a unit sending kW as W gets the kW-as-W warning code with its channel and median, worded in zh-CN', () => {
    const { evaluated } = buildUnit({ id: 'kw', spf: 3, minute: () => ({ unitPowerW: 2.1 }) });
    const row = fleetRow(evaluated);
    expect(row.warningRefs).toContainEqual({ code: 'kw-sent-as-w', params: { channel: 'unitPowerW', medianW: 2.1 } });
    const ref = row.warningRefs.find((r) => r.code === 'kw-sent-as-w');
    if (!ref) throw new Error('no kW-as-W warning');
    expect(renderText(UNIT_WARNING_TEXTS, ref, 'zh-CN')).toBe('unitPowerW：正值中位数为 2.10，疑似以 W 为单位上报了 kW 数值；该通道不参与计算');
    expect(row.warnings[row.warningRefs.indexOf(ref)]).toBe(renderText(UNIT_WARNING_TEXTS, ref, 'en'));
  });

  it('every warning the engine makes has a code whose English is the engine\'s own words, in the same order', () => {
    const cases = [
      computeUnitKpis(minutes(60, () => ({ unitPowerW: 2.1, heatPowerW: 7000 })), UNIT, period(60)),
      computeUnitKpis(minutes(90, (k) => ({ unitPowerW: 2000, heatPowerW: k >= 20 && k < 50 ? 0 : 6000, supplyTempC: 40, returnTempC: 35 })), UNIT, period(90)),
      computeUnitKpis([...minutes(30, () => ({ unitPowerW: 1000, heatPowerW: 3000 })), ...minutes(5, () => ({ unitPowerW: 1 }), 'other')], UNIT, period(30)),
      computeUnitKpis(minutes(60, () => ({ unitPowerW: 1000, heatPowerW: 40_000, supplyTempC: 55, returnTempC: 50, outdoorTempC: -5 })), UNIT, period(60)),
      computeUnitKpis([], UNIT, period(60)),
    ];
    const seen = new Set<string>();
    for (const k of cases) {
      const refs = warningRefsOf(k);
      expect(refs.map((r) => renderText(UNIT_WARNING_TEXTS, r, 'en'))).toEqual(k.warnings);
      for (const r of refs) {
        expect(HAN.test(renderText(UNIT_WARNING_TEXTS, r, 'zh-CN') ?? '')).toBe(true);
        seen.add(r.code);
      }
    }
    expect([...seen].sort()).toEqual(['backup-not-reported', 'exceeds-carnot', 'heat-meter-fault', 'kw-sent-as-w', 'no-readings', 'other-units-ignored']);
  });

  it('plausibility flags and "not evaluable" details carry codes that word them as the English detail does', () => {
    const k = computeUnitKpis(minutes(60, () => ({ unitPowerW: 2.1, heatPowerW: 7000 })), UNIT, period(60));
    const f = k.plausibility.flags[0];
    if (!f) throw new Error('no flag');
    expect(renderText(PLAUSIBILITY_TEXTS, plausibilityRef(f), 'zh-CN')).toMatch(/疑似以 W 为单位上报了 kW/);
    const rule = { boundary: 'h2', minCoveragePct: 90, minHeatKWh: 1000 } as const;
    const faulty = buildUnit({ id: 'f', spf: 3, heatMeterFault: true }).evaluated.kpis;
    const sparse = buildUnit({ id: 's', spf: 3, coverage: 0.5 }).evaluated.kpis;
    const reasons = [k, faulty, sparse].flatMap((x) => notEvaluableReasons(x, rule));
    expect(reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['implausible-units', 'boundary-not-available', 'heat-meter-fault', 'low-coverage', 'too-little-heat']));
    for (const r of reasons) {
      expect(renderText(NOT_EVALUABLE_TEXTS, notEvaluableRef(r.text), 'en')).toBe(r.detail);
      expect(HAN.test(renderText(NOT_EVALUABLE_TEXTS, notEvaluableRef(r.text), 'zh-CN') ?? '')).toBe(true);
    }
  });
});

describe('causes of a shortfall as codes', () => {
  const expected = HEALTHY_EXPECTED;
  const t = CauseThresholdsSchema.parse({});
  it('each cause and each piece of evidence is worded from its code as the engine words it', () => {
    const units = [
      buildUnit({ id: 'c', spf: 3, minute: (k) => (Math.floor(k / 5) % 2 === 0 ? {} : { unitPowerW: 10, heatPowerW: 0 }) }),
      buildUnit({ id: 'o', spf: 3, capacityKw: 10, minute: () => ({ heatPowerW: 2000, unitPowerW: 700 }) }),
      buildUnit({ id: 'p', spf: 3, minute: () => ({ pumpPowerW: 150, supplyTempC: 55, returnTempC: 50 }) }),
      buildUnit({ id: 'b', spf: 3, minute: (k) => ({ backupPowerW: 400, heatPowerW: k % 10 === 0 ? -2000 : 3400 }) }),
      buildUnit({ id: 'i', spf: 3, indoorC: 16 }),
    ];
    const codes = new Set<string>();
    for (const u of units) {
      for (const c of diagnoseCauses(u.evaluated.kpis, expected, t)) {
        codes.add(c.code);
        expect(renderText(CAUSE_TEXTS, causeRef(c), 'en')).toBe(c.text);
        expect(HAN.test(renderText(CAUSE_TEXTS, causeRef(c), 'zh-CN') ?? '')).toBe(true);
        for (const e of c.evidence) expect(renderText(EVIDENCE_FIGURE_TEXTS, evidenceFigureRef(e), 'en')).toBe(e.figure);
      }
    }
    expect([...codes].sort()).toEqual(['backup-heater', 'circulation-pump', 'comfort-shortfall', 'cycling', 'defrost', 'high-flow-temperature', 'oversizing']);
  });
});
