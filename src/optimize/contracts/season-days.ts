/**
 * The calendar of a contract: how many days its heating season has, how many days of a simulated or billed
 * period fall inside it (Asia/Shanghai local dates), and whether an instant lies in the guaranteed hours.
 */
import { localDate } from '../tariff/index.js';
import { MINUTES_PER_DAY, windowMinutes } from '../tariff/schema.js';
import type { ComfortGuarantee, HeatingFeeContract } from './schema.js';

const DAY_MS = 86_400_000;
/** Days before each month in a non-leap year: seasons are counted on a fixed non-leap calendar. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const dayOfYear = (md: string): number => {
  const [m, d] = md.split('-').map(Number) as [number, number];
  return (DAYS_BEFORE_MONTH[m - 1] as number) + d;
};

/** Days of the season, inclusive of both dates, on a non-leap calendar (11-15…03-15 = 121). */
export function seasonDays(season: HeatingFeeContract['season']): number {
  const from = dayOfYear(season.from), to = dayOfYear(season.to);
  return from <= to ? to - from + 1 : 365 - from + 1 + to;
}

/** Whether the local date of `tsMs` lies within the season (which may wrap the new year). */
export function inContractSeason(season: HeatingFeeContract['season'], tsMs: number): boolean {
  const { month, day } = localDate(tsMs);
  const key = month * 100 + day;
  const [fm, fd] = season.from.split('-').map(Number) as [number, number];
  const [tm, td] = season.to.split('-').map(Number) as [number, number];
  const from = fm * 100 + fd, to = tm * 100 + td;
  return from <= to ? key >= from && key <= to : key >= from || key <= to;
}

/** Whole local days of [fromMs, toMs) (local midnights) that lie within the season; 29 Feb counts when the season holds it. */
export function billedDaysWithin(season: HeatingFeeContract['season'], fromMs: number, toMs: number): number {
  if (!(toMs > fromMs) || (toMs - fromMs) % DAY_MS !== 0) throw new Error('billed period: from and to must be local midnights, to after from');
  let days = 0;
  for (let t = fromMs; t < toMs; t += DAY_MS) if (inContractSeason(season, t + DAY_MS / 2)) days++;
  return days;
}

/** A minute-of-day mask of the guaranteed hours (1 = guaranteed). */
export function guaranteeMask(g: Pick<ComfortGuarantee, 'hours'>): Uint8Array {
  const mask = new Uint8Array(MINUTES_PER_DAY);
  for (const w of g.hours) for (const [a, b] of windowMinutes(w)) mask.fill(1, a, b);
  return mask;
}

/** Whether the local minute of `tsMs` lies in the guaranteed hours. */
export const inGuaranteedHours = (mask: Uint8Array, tsMs: number): boolean => mask[localDate(tsMs).minuteOfDay] === 1;
