/**
 * Post-evaluation results (rankings, credit list, influence factors) → the wire shapes of
 * src/contract/season-report.ts, each English text with its code beside it (docs/i18n.md).
 */
import type { CreditList } from '../../analytics/fleet-eval/credit-rules.js';
import type { InfluenceResult } from '../../analytics/fleet-eval/influence-factors.js';
import type { Ranking } from '../../analytics/fleet-eval/rankings.js';
import { BOUNDARY_DEFINITIONS, type CreditListWire, type CreditRuleWire, type InfluenceWire, type RankingWire } from '../../contract/season-report.js';
import { INFLUENCE_METHOD_REF, notEvaluableRef, reportTextRef } from './texts.js';

/** The envelope every response carries: period, population and notes (English and zh-CN). */
export type ReportHead = Pick<RankingWire, 'period' | 'population' | 'notes' | 'notesZh'>;

export const INFLUENCE_METHOD = 'multiple linear regression of SPF on the factors (least squares, HC3 robust standard errors, t intervals), VIF for confounding; per-factor median contrasts with a seeded bootstrap CI (src/analytics/fleet-eval/influence-factors.md)';

export function rankingWire(head: ReportHead, r: Ranking): RankingWire {
  return {
    ...head, groupBy: r.groupBy, boundary: r.boundary, boundaryLabel: BOUNDARY_DEFINITIONS[r.boundary], rules: r.rules, rulesRef: reportTextRef(r.rulesRef), evaluation: { ...r.population },
    ranked: r.ranked.map((g) => ({ ...g, ci: g.ci ? { ...g.ci } : null, secondary: { ...g.secondary }, unitIds: [...g.unitIds] })),
    insufficientData: r.insufficientData.map((g) => ({ ...g, reasonRef: reportTextRef(g.reasonRef) })),
    excludedUnits: r.excludedUnits.map((x) => ({ unitId: x.unitId, group: x.group, reasons: x.reasons.map((y) => ({ code: y.code, detail: y.detail, text: notEvaluableRef(y.text) })) })),
  };
}

/** `rules` are the rules as applied (same order as the outcomes): the dashboard states them in the reader's language. */
export function creditWire(head: ReportHead, c: CreditList, rules: readonly CreditRuleWire[], source: string): CreditListWire {
  const entry = (e: CreditList['entries'][number]) => ({ ...e, ruleTextRef: reportTextRef(e.ruleTextRef), statisticRef: reportTextRef(e.statisticRef), units: e.units.map((u) => ({ ...u })) });
  return {
    ...head, rulesSource: source,
    rules: c.rules.map((r, i) => ({
      ruleId: r.ruleId, ruleText: r.ruleText, ruleTextRef: reportTextRef(r.ruleTextRef), groupBy: r.groupBy, rule: rules[i] as CreditRuleWire,
      listed: r.listed.map(entry), passed: r.passed.map((x) => ({ ...x })), notJudged: r.notJudged.map((x) => ({ ...x, reasonRef: reportTextRef(x.reasonRef) })),
    })),
    entries: c.entries.map(entry),
  };
}

/** `head.notes` should already include the influence run's own notes. */
export function influenceWire(head: ReportHead, r: InfluenceResult): InfluenceWire {
  const m = r.model;
  return {
    ...head, response: r.response, boundary: r.boundary, boundaryLabel: BOUNDARY_DEFINITIONS[r.boundary], weighting: r.weighting, evaluation: { ...r.population },
    model: m.status === 'fitted'
      ? { status: 'fitted', n: m.n, coefficients: m.coefficients, reason: null, reasonRef: null, rSquared: m.rSquared, adjRSquared: m.adjRSquared, residualDf: m.residualDf, intercept: m.intercept, terms: m.terms.map((t) => ({ ...t, ci: [t.ci[0], t.ci[1]] as [number, number] })) }
      : { status: 'insufficient-data', n: m.n, coefficients: m.coefficients, reason: m.reason, reasonRef: reportTextRef(m.reasonRef), rSquared: null, adjRSquared: null, residualDf: null, intercept: null, terms: [] },
    factors: r.factors.map((f) => ({ ...f, noteRef: f.noteRef ? reportTextRef(f.noteRef) : null })), contrasts: r.contrasts.map((c) => ({ ...c, ci: c.ci ? { ...c.ci } : null })),
    method: INFLUENCE_METHOD,
    methodRef: INFLUENCE_METHOD_REF,
  };
}
