/**
 * Every catalogue of server-made texts, by the name the dashboard's i18n dictionaries load it under
 * (`srv.<name>.<code>`, web/src/i18n/i18n.ts) and docs/i18n.md lists. Add a catalogue here and the web, the
 * printable HTML and the completeness test pick it up. No zod here: the dashboard bundles this file.
 */
import { CAUSE_TEXTS, EVIDENCE_FIGURE_TEXTS } from './cause-texts.js';
import { HEATING_CONTRACT_TEXTS } from './contract-texts.js';
import { API_ERROR_TEXTS } from './error-texts.js';
import { TARIFF_NAME_TEXTS, TARIFF_NOTE_TEXTS, TARIFF_REASON_TEXTS } from './tariff-texts.js';
import { ALARM_TEXTS, COMMAND_REASON_TEXTS, DRIFT_TEXTS, HOUSEHOLD_NOTE_TEXTS, PLAN_ISSUE_TEXTS, PLAN_REASON_TEXTS } from './dispatch-texts.js';
import type { TextCatalogue } from './render-text.js';
import { CREDIT_RULE_TEXTS, CREDIT_STATISTIC_TEXTS, INFLUENCE_TEXTS, INSUFFICIENT_DATA_TEXTS, RANKING_RULE_TEXTS, SCOPE_TEXTS } from './report-texts.js';
import { NOT_EVALUABLE_TEXTS, PLAUSIBILITY_TEXTS, UNIT_WARNING_TEXTS } from './unit-texts.js';

export const TEXT_CATALOGUES = {
  unitWarning: UNIT_WARNING_TEXTS,
  notEvaluable: NOT_EVALUABLE_TEXTS,
  plausibility: PLAUSIBILITY_TEXTS,
  cause: CAUSE_TEXTS,
  evidenceFigure: EVIDENCE_FIGURE_TEXTS,
  alarm: ALARM_TEXTS,
  planIssue: PLAN_ISSUE_TEXTS,
  drift: DRIFT_TEXTS,
  planReason: PLAN_REASON_TEXTS,
  householdNote: HOUSEHOLD_NOTE_TEXTS,
  commandReason: COMMAND_REASON_TEXTS,
  creditRule: CREDIT_RULE_TEXTS,
  creditStatistic: CREDIT_STATISTIC_TEXTS,
  insufficientData: INSUFFICIENT_DATA_TEXTS,
  rankingRule: RANKING_RULE_TEXTS,
  influence: INFLUENCE_TEXTS,
  scope: SCOPE_TEXTS,
  apiError: API_ERROR_TEXTS,
  tariffName: TARIFF_NAME_TEXTS,
  tariffNote: TARIFF_NOTE_TEXTS,
  tariffReason: TARIFF_REASON_TEXTS,
  heatingContract: HEATING_CONTRACT_TEXTS,
} as const satisfies Readonly<Record<string, TextCatalogue>>;
export type TextCatalogueName = keyof typeof TEXT_CATALOGUES;
