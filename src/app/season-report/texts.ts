/**
 * The analytics' findings → text refs of the catalogues in src/contract/texts (docs/i18n.md). The analytics
 * name each finding by a code; these functions only carry the code and its numbers onto the wire, and the
 * compile-time checks below fail when the analytics gain a code the catalogues cannot word.
 */
import type { Cause, CauseTextCode as AnalyticsCauseTextCode, EvidenceFigureCode } from '../../analytics/fleet-eval/causes.js';
import type { NotEvaluableText, NotEvaluableTextCode as AnalyticsNotEvaluableTextCode } from '../../analytics/fleet-eval/evaluability.js';
import type { PlausibilityFlag } from '../../analytics/unit-kpis/types.js';
import type { UnitKpis } from '../../analytics/unit-kpis/index.js';
import type { CreditRuleTextCode as AnalyticsCreditRuleCode, CreditStatisticCode, ReportTextRef } from '../../analytics/fleet-eval/credit-rules.js';
import type { InfluenceTextCode as AnalyticsInfluenceCode } from '../../analytics/fleet-eval/influence-factors.js';
import type { RankingTextRef } from '../../analytics/fleet-eval/rankings.js';
import type { CreditRuleTextCode, CreditStatisticTextCode, InfluenceTextCode, InsufficientDataTextCode, RankingRuleTextCode } from '../../contract/texts/report-texts.js';
import type { UnitWarningCode } from '../../analytics/unit-kpis/warnings.js';
import type { CauseTextCode, EvidenceFigureTextCode } from '../../contract/texts/cause-texts.js';
import { textRef, type TextRef } from '../../contract/texts/render-text.js';
import type { NotEvaluableTextCode, PlausibilityTextCode, UnitWarningTextCode } from '../../contract/texts/unit-texts.js';

// Every code the analytics make has a wording (a missing one is a compile error here).
type Covers<Made extends string, Worded extends string> = [Made] extends [Worded] ? true : never;
const covered: [
  Covers<UnitWarningCode, UnitWarningTextCode>, Covers<AnalyticsNotEvaluableTextCode, NotEvaluableTextCode>, Covers<AnalyticsCauseTextCode, CauseTextCode>,
  Covers<EvidenceFigureCode, EvidenceFigureTextCode>, Covers<PlausibilityFlag['code'], PlausibilityTextCode>,
  Covers<AnalyticsCreditRuleCode, CreditRuleTextCode>, Covers<CreditStatisticCode, CreditStatisticTextCode>, Covers<'credit-data-rules' | 'ranking-unit-rules', InsufficientDataTextCode>,
  Covers<RankingTextRef<'median-spf'>['code'], RankingRuleTextCode>, Covers<AnalyticsInfluenceCode | 'method', InfluenceTextCode>,
] = [true, true, true, true, true, true, true, true, true, true];
void covered;

export const warningRefsOf = (k: UnitKpis): TextRef[] => k.warningRefs.map((w) => textRef(w.code, w.params));

export const notEvaluableRef = (t: NotEvaluableText): TextRef => textRef(t.code, t.params);

export const causeRef = (c: Cause): TextRef => textRef(c.textCode, c.textParams);

export const evidenceFigureRef = (e: Cause['evidence'][number]): TextRef => textRef(e.figureCode, e.figureParams);

export const plausibilityRef = (f: PlausibilityFlag): TextRef =>
  f.code === 'looks-like-kw-sent-as-w' ? textRef(f.code, { medianW: f.medianPositiveW }) : textRef(f.code, { carnotPct: f.carnotPct });

/** A post-evaluation text (credit rule, statistic, insufficient-data reason, ranking rules, influence note) as a wire ref. */
export const reportTextRef = (r: ReportTextRef<string> | RankingTextRef<string>): TextRef => textRef(r.code, r.params);

/** The influence model's method, worded by INFLUENCE_TEXTS.method (its English is the `method` field). */
export const INFLUENCE_METHOD_REF: TextRef = textRef('method');
