/**
 * The dispatch API as the dashboard uses it (docs/dispatch.md). Types come from the wire contract
 * (type-only imports keep zod out of the bundle); the literal types keep these copies of its constants in
 * step with src/contract/commands-api.ts and commands.ts.
 */
import type { ALARM_KINDS as AlarmKinds, ALARM_STATES as AlarmStates, COMMAND_ORIGINS as CommandOrigins } from '../../../../src/contract/commands-api.js';
import type { COMMAND_STATES as CommandStates, SG_READY_STATES as SgReadyStates } from '../../../../src/contract/commands.js';
import { query } from '../../api/client.js';

export type {
  CommandOrigin,
  CommandView,
  DispatchAlarm,
  DispatchAlarmView,
  Override,
  PlanDetail,
  PlanSummary,
  PlanVsActual,
  TariffPresetView,
} from '../../../../src/contract/commands-api.js';
export type { CommandState, DeviceCommand, SgReadyState } from '../../../../src/contract/commands.js';

export const COMMAND_STATES: typeof CommandStates = ['queued', 'sent', 'accepted', 'rejected', 'not-acknowledging', 'expired', 'superseded'];
export const COMMAND_ORIGINS: typeof CommandOrigins = ['plan', 'replan', 'override'];
export const ALARM_KINDS: typeof AlarmKinds = ['not-acknowledging', 'rejected', 'replanned', 'plan-issue'];
export const ALARM_STATES: typeof AlarmStates = ['open', 'acknowledged'];
export type AlarmState = (typeof ALARM_STATES)[number];
export const SG_READY_STATES: typeof SgReadyStates = { 1: 'blocked', 2: 'normal', 3: 'recommended-on', 4: 'forced-on' };
/** The SG Ready label bounds a lock (state 1) to 2 h (src/contract/commands.ts MAX_SG_LOCK_MS). */
export const MAX_SG_LOCK_MS = 2 * 3_600_000;
/** Room setpoint range a device accepts (°C). */
export const SETPOINT_RANGE_C = { min: 5, max: 30 } as const;

/** Paths relative to /api/v1 (`useApi`, `apiRequest`). */
export const dispatchPaths = {
  planVsActual: (villageId: string, day: string) => `/dispatch/villages/${encodeURIComponent(villageId)}/plan-vs-actual${query({ day })}`,
  plans: (villageId: string, day: string) => `/dispatch/plans${query({ villageId, day })}`,
  createPlan: () => '/dispatch/plans',
  dispatchPlan: (planId: string) => `/dispatch/plans/${encodeURIComponent(planId)}/dispatch`,
  commands: (p: { villageId?: string; siteId?: string; planId?: string; state?: string; day?: string; limit?: number }) => `/dispatch/commands${query(p)}`,
  overrides: () => '/dispatch/overrides',
  alarms: (p: { villageId: string; day?: string; state?: AlarmState }) => `/dispatch/alarms${query({ ...p, limit: 1000 })}`,
  acknowledgeAlarm: (id: string) => `/dispatch/alarms/${encodeURIComponent(id)}/acknowledge`,
  tariffs: () => '/dispatch/tariffs',
};
