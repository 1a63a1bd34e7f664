/**
 * Dispatch texts the server composes, in the page's language from their codes (src/contract/texts/dispatch-texts.ts):
 * an alarm with its details (the drift of a replan, the plan issue), a plan revision's reason with its drift.
 * Records stored before the codes existed keep their English text.
 */
import type { ServerText } from '../../i18n/server-texts.js';
import type { DispatchAlarmView, PlanSummary } from './dispatch-api.js';

const joined = (lang: string, head: string, details: readonly string[]): string =>
  details.length === 0 ? head : lang === 'en' ? `${head} (${details.join('; ')})` : `${head}（${details.join('；')}）`;

export function alarmText(a: DispatchAlarmView, srv: ServerText, lang: string): string {
  if (!a.text) return a.message;
  const details = (a.details ?? []).map((d) => srv(a.kind === 'replanned' ? 'drift' : 'planIssue', d, ''));
  if (details.some((d) => d === '')) return srv('alarm', a.text, a.message);
  return joined(lang, srv('alarm', a.text, a.message), details);
}

export function planReasonText(p: PlanSummary, srv: ServerText, lang: string): string {
  if (!p.reasonRef) return p.reason;
  return joined(lang, srv('planReason', p.reasonRef, p.reason), (p.reasonDetails ?? []).map((d) => srv('drift', d, '')).filter((d) => d !== ''));
}

export const planIssueTexts = (p: PlanSummary, srv: ServerText): string[] => p.issues.map((english, i) => srv('planIssue', p.issueRefs?.[i], english));
