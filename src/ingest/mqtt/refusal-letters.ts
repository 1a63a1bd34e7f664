/**
 * Dead letters for refusals that happen before the ingest use case sees a payload (wrong credentials,
 * another device's topic, an oversize packet). Bounded per minute so that a flood of bad connections
 * cannot fill the dead-letter store; refusals over the bound are still counted and logged.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../app/ports/clock.js';
import type { DeadLetter, TelemetryStore } from '../../app/ports/telemetry-store.js';

export type DeadLetterSink = Pick<TelemetryStore, 'addDeadLetters'>;

export interface RefusalLetters {
  record(letter: Omit<DeadLetter, 'receivedAtMs' | 'source'>): void;
  /** Resolves when every letter recorded so far has been written (tests, shutdown). */
  flush(): Promise<void>;
}

const PAYLOAD_CHARS = 4096;

export function createRefusalLetters(deps: { sink: DeadLetterSink | undefined; clock: Clock; logger: Logger; source?: 'mqtt'; maxPerMinute?: number }): RefusalLetters {
  const maxPerMinute = deps.maxPerMinute ?? 600;
  let windowStartMs = 0;
  let inWindow = 0;
  let suppressed = 0;
  let pending: Promise<void> = Promise.resolve();
  return {
    record(letter) {
      const nowMs = deps.clock.nowMs();
      if (nowMs - windowStartMs >= 60_000) {
        if (suppressed > 0) deps.logger.warn({ suppressed }, 'mqtt: refusals over the dead-letter bound in the last minute (counted, not stored)');
        windowStartMs = nowMs;
        inWindow = 0;
        suppressed = 0;
      }
      if (deps.sink === undefined) return;
      if (inWindow >= maxPerMinute) {
        suppressed++;
        return;
      }
      inWindow++;
      const full: DeadLetter = { ...letter, payload: letter.payload.slice(0, PAYLOAD_CHARS), receivedAtMs: nowMs, source: deps.source ?? 'mqtt' };
      const sink = deps.sink;
      pending = pending
        .then(() => sink.addDeadLetters([full]))
        .catch((err: unknown) => deps.logger.error({ err, reason: full.reason }, 'mqtt: could not store a dead letter'));
    },
    flush: () => pending,
  };
}
