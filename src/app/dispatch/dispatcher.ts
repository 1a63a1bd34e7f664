/**
 * Use case: deliver commands to devices with acknowledgement, timeout and retry (docs/dispatch.md).
 *
 * A command is stored `queued`, published (QoS 1) and marked `sent`; the device answers on its acks topic.
 * Without an answer within `ackTimeoutMs` it is published again, with the same id (the device applies an id
 * once and repeats its answer), after a backoff that doubles up to `backoffMaxMs`, at most `maxAttempts`
 * times. Then it is `not-acknowledging` and an alarm names the household: the device keeps running its last
 * acknowledged fallback schedule, and nobody is left unheated silently. Acks move a command only from a
 * waiting state, so duplicates and late answers after a final state change nothing.
 */
import type { CommandState } from '../../contract/commands.js';
import type { DispatchAlarm } from '../../contract/commands-api.js';
import type { Clock } from '../ports/clock.js';
import type { CommandTransport } from './command-transport.js';
import type { CommandRecord, DispatchStore } from './dispatch-store.js';
import { alarmRef, commandReasonRef, localDateTime } from './dispatch-texts.js';

export interface DispatcherOptions {
  /** Wall-clock wait for an answer after each publish. */
  readonly ackTimeoutMs: number;
  /** Publishes in total (the first one and the retries). */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = { ackTimeoutMs: 10_000, maxAttempts: 4, backoffBaseMs: 2_000, backoffMaxMs: 60_000 };

export interface Dispatcher {
  /** Stores the command and starts delivering it; resolves once stored (not when answered). Older waiting commands of the same unit and kind are superseded. */
  send(c: CommandRecord): Promise<void>;
  /** Resolves with the command once it reached a final state (or at once if it has). */
  settled(commandId: string): Promise<CommandRecord>;
  /** Stops retrying; commands in flight stay as stored. */
  close(): void;
}

const WAITING: readonly CommandState[] = ['queued', 'sent'];
const ANSWERABLE: readonly CommandState[] = ['queued', 'sent', 'not-acknowledging'];

export function createDispatcher(deps: {
  store: DispatchStore;
  transport: CommandTransport;
  /** Platform clock: command issue and expiry times, answers. Waits run on the wall clock (timers). */
  clock: Clock;
  options?: Partial<DispatcherOptions>;
  /** Human name of a site for alarm messages (the household). */
  siteLabel?: (siteId: string) => string;
  onAlarm?: (a: DispatchAlarm) => void;
  onError?: (err: unknown) => void;
}): Dispatcher {
  const o = { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.options };
  if (!(o.maxAttempts >= 1) || !(o.ackTimeoutMs > 0)) throw new Error(`dispatcher: maxAttempts ${o.maxAttempts} must be ≥ 1 and ackTimeoutMs ${o.ackTimeoutMs} > 0`);
  const { store, clock } = deps;
  const wakers = new Map<string, () => void>();
  const settledWaiters = new Map<string, ((c: CommandRecord) => void)[]>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const label = (siteId: string) => deps.siteLabel?.(siteId) ?? siteId;
  const fail = (err: unknown) => deps.onError?.(err);

  const finish = (c: CommandRecord) => {
    const ws = settledWaiters.get(c.id);
    settledWaiters.delete(c.id);
    for (const w of ws ?? []) w(c);
  };
  const alarm = async (a: DispatchAlarm) => {
    await store.appendAlarm(a);
    deps.onAlarm?.(a);
  };
  const sleep = (ms: number, id?: string) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        if (id) wakers.delete(id);
        resolve();
      }, ms);
      timers.add(t);
      if (id)
        wakers.set(id, () => {
          clearTimeout(t);
          timers.delete(t);
          wakers.delete(id);
          resolve();
        });
    });

  /** What the device runs now that it does not answer: the fallback of its last acknowledged schedule, or its own. */
  async function lastFallback(c: CommandRecord): Promise<{ note: string; schedule: { id: string; ackAt: string } | null }> {
    const accepted = await store.listCommands({ siteIds: [c.siteId], states: ['accepted'], limit: 200 });
    const schedule = accepted.find((x) => x.kind === 'schedule' && x.unitId === c.unitId);
    if (!schedule) return { note: 'no schedule was ever acknowledged, so it runs its own local schedule', schedule: null };
    const ackMs = schedule.answeredAtMs ?? schedule.issuedAtMs;
    return { note: `it runs the fallback schedule of command ${schedule.id} (acknowledged ${new Date(ackMs).toISOString()})`, schedule: { id: schedule.id, ackAt: localDateTime(ackMs) } };
  }

  async function deliver(id: string): Promise<void> {
    for (let attempt = 1; attempt <= o.maxAttempts && !closed; attempt++) {
      const cur = await store.getCommand(id);
      if (cur === null || !WAITING.includes(cur.state)) return;
      if (clock.nowMs() >= cur.expiresAtMs) {
        const exp = await store.transitionCommand(id, WAITING, {
          state: 'expired', reason: `expired at ${new Date(cur.expiresAtMs).toISOString()} before the device answered (${attempt - 1} attempts)`,
          reasonRef: commandReasonRef('expired', { at: localDateTime(cur.expiresAtMs), attempts: attempt - 1 }),
        });
        if (exp) finish(exp);
        return;
      }
      const sent = await store.transitionCommand(id, WAITING, { state: 'sent', attempts: attempt, lastSentAtMs: clock.nowMs() });
      if (sent === null) return; // answered or superseded meanwhile
      const waitForAck = sleep(o.ackTimeoutMs, id);
      try {
        await deps.transport.publish(sent.deviceId, sent.command);
      } catch (err) {
        fail(err); // counts as an attempt without an answer
      }
      await waitForAck;
      const after = await store.getCommand(id);
      if (after === null || !WAITING.includes(after.state)) return;
      if (attempt < o.maxAttempts) await sleep(Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** (attempt - 1)), id);
    }
    if (closed) return;
    const cur = await store.getCommand(id);
    if (cur === null) return;
    const fallback = await lastFallback(cur);
    const reason = `no acknowledgement after ${o.maxAttempts} attempts; ${fallback.note}`;
    const reasonRef = fallback.schedule
      ? commandReasonRef('gave-up-fallback', { attempts: o.maxAttempts, scheduleId: fallback.schedule.id, ackAt: fallback.schedule.ackAt })
      : commandReasonRef('gave-up-local', { attempts: o.maxAttempts });
    const gaveUp = await store.transitionCommand(id, WAITING, { state: 'not-acknowledging', reason, reasonRef });
    if (gaveUp === null) return;
    await alarm({
      atMs: clock.nowMs(), kind: 'not-acknowledging', siteId: gaveUp.siteId, deviceId: gaveUp.deviceId, transformerId: null, commandId: gaveUp.id,
      message: `household ${label(gaveUp.siteId)}: device ${gaveUp.deviceId} is not acknowledging (${gaveUp.kind} command ${gaveUp.id}); ${fallback.note}`,
      text: fallback.schedule
        ? alarmRef('not-acknowledging-fallback', { site: label(gaveUp.siteId), deviceId: gaveUp.deviceId, kind: gaveUp.kind, commandId: gaveUp.id, scheduleId: fallback.schedule.id, ackAt: fallback.schedule.ackAt })
        : alarmRef('not-acknowledging-local', { site: label(gaveUp.siteId), deviceId: gaveUp.deviceId, kind: gaveUp.kind, commandId: gaveUp.id }),
    });
    finish(gaveUp);
  }

  deps.transport.onAck((deviceId, ack) => {
    void (async () => {
      const c = await store.getCommand(ack.commandId);
      if (c === null || c.deviceId !== deviceId) return; // not a command of this device: ignored
      const answered = await store.transitionCommand(c.id, ANSWERABLE, {
        state: ack.status, answeredAtMs: clock.nowMs(), reason: ack.reason ?? null, reasonRef: ack.reason ? commandReasonRef('device', { reason: ack.reason }) : null,
      });
      if (answered === null) return; // a duplicate or a late answer after a final state
      wakers.get(c.id)?.();
      if (ack.status === 'rejected') {
        await alarm({
          atMs: clock.nowMs(), kind: 'rejected', siteId: c.siteId, deviceId, transformerId: null, commandId: c.id,
          message: `household ${label(c.siteId)}: device ${deviceId} rejected ${c.kind} command ${c.id}: ${ack.reason ?? ''}`,
          text: alarmRef('rejected', { site: label(c.siteId), deviceId, kind: c.kind, commandId: c.id, deviceReason: ack.reason ?? '' }),
        });
      }
      finish(answered);
    })().catch(fail);
  });

  return {
    async send(c) {
      if (c.state !== 'queued') throw new Error(`dispatcher: a new command must be queued, ${c.id} is ${c.state}`);
      const older = await store.listCommands({ siteIds: [c.siteId], states: WAITING, limit: 1000 });
      for (const x of older.filter((x) => x.unitId === c.unitId && x.kind === c.kind)) {
        const sup = await store.transitionCommand(x.id, WAITING, { state: 'superseded', reason: `superseded by ${c.id}`, reasonRef: commandReasonRef('superseded', { commandId: c.id }) });
        if (sup) {
          wakers.get(x.id)?.();
          finish(sup);
        }
      }
      await store.insertCommand(c);
      void deliver(c.id).catch(fail);
    },
    async settled(commandId) {
      const cur = await store.getCommand(commandId);
      if (cur === null) throw new Error(`no command ${commandId}`);
      if (!WAITING.includes(cur.state)) return cur;
      const waiting = new Promise<CommandRecord>((resolve) => {
        const list = settledWaiters.get(commandId) ?? [];
        list.push(resolve);
        settledWaiters.set(commandId, list);
      });
      // It may have settled between the read above and the registration.
      const again = await store.getCommand(commandId);
      if (again !== null && !WAITING.includes(again.state)) finish(again);
      return waiting;
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of [...wakers.values()]) w();
    },
  };
}
