import { SHANGHAI_OFFSET_MS } from '../../format/format.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `HH:mm` Beijing time of slot `i` of a day that starts at `dayStartMs` (UTC epoch ms). */
export const slotLabel = (dayStartMs: number, slotS: number, i: number): string => {
  const d = new Date(dayStartMs + i * slotS * 1000 + SHANGHAI_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
};

export const slotLabels = (dayStartMs: number, slotS: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => slotLabel(dayStartMs, slotS, i));

/** Today's calendar day in Beijing time for a platform clock reading, as `YYYY-MM-DD`. */
export const shanghaiDay = (ms: number): string => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** A `datetime-local` value (`YYYY-MM-DDTHH:mm`) read as Beijing time, as UTC epoch ms; null when unreadable. */
export const beijingLocalToMs = (value: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi) - SHANGHAI_OFFSET_MS;
};

/** UTC epoch ms as a `datetime-local` value in Beijing time. */
export const msToBeijingLocal = (ms: number): string => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
