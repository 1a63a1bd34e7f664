/**
 * Dispatch's texts for people as codes of the catalogues in src/contract/texts/dispatch-texts.ts (docs/i18n.md):
 * alarms, plan revision reasons, plan issues, the drift behind a replan, why a command ended, why a household is
 * not planned. The English fields stay as they were; these refs let the dashboard word them in zh-CN.
 */
import type { DriftReport } from '../../optimize/dispatch/drift.js';
import type { FleetIssue } from '../../optimize/fleet/types.js';
import type { ALARM_TEXTS, COMMAND_REASON_TEXTS, DRIFT_TEXTS, HOUSEHOLD_NOTE_TEXTS, PLAN_ISSUE_TEXTS, PLAN_REASON_TEXTS } from '../../contract/texts/dispatch-texts.js';
import { listParam, textRef, type TextParam, type TextRef } from '../../contract/texts/render-text.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');
/** "HH:mm" in Beijing time (the same in both languages). */
export function localTime(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
/** "YYYY-MM-DD HH:mm" in Beijing time. */
export const localDateTime = (ms: number): string => `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)} ${localTime(ms)}`;

// Typed by catalogue: a code the catalogue lacks is a compile error.
const ref = <C extends string>(code: C, params: Readonly<Record<string, TextParam>> = {}): TextRef => textRef(code, params);
type Code<T> = keyof T & string;
export const alarmRef = (code: Code<typeof ALARM_TEXTS>, params: Readonly<Record<string, TextParam>>): TextRef => ref(code, params);
export const planReasonRef = (code: Code<typeof PLAN_REASON_TEXTS>, params: Readonly<Record<string, TextParam>> = {}): TextRef => ref(code, params);
export const householdNoteRef = (code: Code<typeof HOUSEHOLD_NOTE_TEXTS>, params: Readonly<Record<string, TextParam>> = {}): TextRef => ref(code, params);
export const commandReasonRef = (code: Code<typeof COMMAND_REASON_TEXTS>, params: Readonly<Record<string, TextParam>> = {}): TextRef => ref(code, params);
const driftRef = (code: Code<typeof DRIFT_TEXTS>, params: Readonly<Record<string, TextParam>>): TextRef => ref(code, params);

/** A fleet planner issue as a code of PLAN_ISSUE_TEXTS (its English message is the plan's `issues` entry). */
export function planIssueRef(i: FleetIssue): TextRef {
  const code: Code<typeof PLAN_ISSUE_TEXTS> = i.code;
  switch (i.code) {
    case 'comfort-infeasible': return ref(code, { households: listParam(i.householdIds) });
    case 'transformer-too-small': return ref(code, { transformerId: i.transformerId, count: i.householdIds.length });
    case 'invalid-problem': return ref(code, { transformerId: i.transformerId, count: i.householdIds.length, detail: i.message });
  }
}

/** The drift behind a replan (codes of DRIFT_TEXTS), in the order of `drift.reasons`; slots as Beijing times. */
export function driftRefs(drift: DriftReport, dayStartMs: number, slotS: number): TextRef[] {
  const at = (slot: number): string => localTime(dayStartMs + slot * slotS * 1000);
  return drift.findings.map((f) => {
    switch (f.code) {
      case 'overload': return driftRef(f.code, { times: listParam(f.slots.map(at)) });
      case 'transformer-energy': return driftRef(f.code, { kWh: Math.abs(f.deltaKWh), direction: f.deltaKWh > 0 ? 'more' : 'less', plannedKWh: f.plannedKWh });
      case 'household-offline': return driftRef(f.code, { site: f.id, slots: f.slots });
      case 'household-energy': return driftRef(f.code, { site: f.id, kWh: Math.abs(f.deltaKWh), direction: f.deltaKWh > 0 ? 'more' : 'less', slots: f.slots });
      case 'household-colder': return driftRef(f.code, { site: f.id, kelvin: f.colderK });
    }
  });
}
