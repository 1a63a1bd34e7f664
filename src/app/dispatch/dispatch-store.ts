/**
 * Port: durable record of dispatch — plans (one row per transformer, day and revision), commands with
 * their delivery state, and dispatch alarms. Commands and plans are kept whole (their wire shape) plus
 * the columns they are looked up by.
 */
import type { CommandState } from '../../contract/commands.js';
import type { TextRef } from '../../contract/texts/render-text.js';
import type { AlarmAcknowledgement, CommandView, DispatchAlarm, DispatchAlarmView, PlanDetail } from '../../contract/commands-api.js';

export type CommandRecord = CommandView;
export type PlanRecord = PlanDetail;

export interface CommandQuery {
  readonly siteIds?: readonly string[];
  readonly planId?: string;
  readonly states?: readonly CommandState[];
  /** Issued within [issuedFromMs, issuedToMs). */
  readonly issuedFromMs?: number;
  readonly issuedToMs?: number;
  readonly limit: number;
}

export interface AlarmQuery {
  /** An alarm about a site is listed when its site is in `siteIds`; one about a transformer only, when it is in `transformerIds`. */
  readonly siteIds?: readonly string[];
  readonly transformerIds?: readonly string[];
  /** Raised within [fromMs, toMs). */
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly acknowledged?: boolean;
  readonly limit: number;
}

export interface CommandStateChange {
  readonly state: CommandState;
  readonly attempts?: number;
  readonly lastSentAtMs?: number;
  readonly answeredAtMs?: number;
  readonly reason?: string | null;
  /** `reason` as a code of COMMAND_REASON_TEXTS (src/contract/texts). */
  readonly reasonRef?: TextRef | null;
}

export interface DispatchStore {
  /** Inserts a command; an id that exists already is refused (ids are unique for life). */
  insertCommand(c: CommandRecord): Promise<void>;
  /**
   * Moves a command to a new state only if it is in one of `from` now; returns the updated record, or null
   * when it was not (another path answered first: the change is dropped, which makes acks idempotent).
   */
  transitionCommand(id: string, from: readonly CommandState[], change: CommandStateChange): Promise<CommandRecord | null>;
  getCommand(id: string): Promise<CommandRecord | null>;
  /** Newest first (issue time, then id). */
  listCommands(q: CommandQuery): Promise<CommandRecord[]>;

  /** Inserts or replaces a plan revision (same id). */
  putPlan(p: PlanRecord): Promise<void>;
  getPlan(id: string): Promise<PlanRecord | null>;
  /** Newest first; `transformerIds` restricts, `day` filters. */
  listPlans(q: { transformerIds?: readonly string[]; day?: string; limit: number }): Promise<PlanRecord[]>;

  appendAlarm(a: DispatchAlarm): Promise<void>;
  /** Newest first. */
  listAlarms(q: AlarmQuery): Promise<DispatchAlarmView[]>;
  getAlarm(id: string): Promise<DispatchAlarmView | null>;
  /** Records the acknowledgement of an open alarm; null when there is no such alarm or it was acknowledged already. */
  acknowledgeAlarm(id: string, ack: AlarmAcknowledgement): Promise<DispatchAlarmView | null>;
}
