/**
 * The report period: whole local days (Asia/Shanghai, UTC+8) [fromDay, toDay). Asked for explicitly, or by
 * default the Beijing heating season (15 Nov – 15 Mar, 121 days) containing "now" on the platform clock — the
 * last season when now lies outside one — clamped to the days that hold readings.
 */
import { localDayOf, localDayStartMs, MS_PER_DAY } from '../../analytics/season/kpi-day.js';
import type { ReportPeriod } from '../../contract/season-report.js';

export interface DayRange { readonly fromDay: number; readonly toDay: number }

/** Local date "YYYY-MM-DD" → local day index (the local midnight of that date is day·86 400 000 − 8 h). */
export const dayOfLocalDate = (date: string): number => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
export const localDateOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** First and last month-day of the Beijing heating season (both inclusive). */
export const SEASON_START = { month: 11, day: 15 } as const;
export const SEASON_END = { month: 3, day: 15 } as const;

/** The heating season containing the local day, else the one that ended last. */
export function seasonOfDay(day: number): DayRange {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear(); const m = d.getUTCMonth() + 1; const dd = d.getUTCDate();
  const afterStart = m > SEASON_START.month || (m === SEASON_START.month && dd >= SEASON_START.day);
  const startYear = afterStart ? y : y - 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const fromDay = dayOfLocalDate(`${startYear}-${pad(SEASON_START.month)}-${pad(SEASON_START.day)}`);
  const toDay = dayOfLocalDate(`${startYear + 1}-${pad(SEASON_END.month)}-${pad(SEASON_END.day)}`) + 1;
  return { fromDay, toDay };
}

export interface ResolvedPeriod extends DayRange {
  readonly wire: ReportPeriod;
  readonly notes: readonly string[];
}

/** `daysWithData`: the distinct local days holding readings of the population. */
export function resolvePeriod(asked: { from?: string | undefined; to?: string | undefined }, nowMs: number, daysWithData: ReadonlySet<number>): ResolvedPeriod {
  const today = localDayOf(nowMs);
  const notes: string[] = [];
  let range: DayRange; let season: DayRange | null = null; let clamped = false;
  const within = (r: DayRange) => [...daysWithData].filter((d) => d >= r.fromDay && d < r.toDay);
  if (asked.from !== undefined && asked.to !== undefined) {
    range = { fromDay: dayOfLocalDate(asked.from), toDay: dayOfLocalDate(asked.to) };
  } else {
    season = seasonOfDay(today);
    const days = within(season);
    if (days.length === 0) {
      range = season;
      notes.push(`no readings in the heating season ${localDateOfDay(season.fromDay)}..${localDateOfDay(season.toDay - 1)}: every figure is null with reason no-data`);
    } else {
      const first = Math.min(...days); const last = Math.max(...days);
      // Today is still running: leave it out unless it is the only day with data.
      const end = last >= today && today > first ? today : last + 1;
      range = { fromDay: first, toDay: end };
      clamped = first !== season.fromDay || end !== season.toDay;
      if (clamped) notes.push(`default period: the heating season ${localDateOfDay(season.fromDay)}..${localDateOfDay(season.toDay - 1)} clamped to the days with readings${end === today && last >= today ? ' (today, still running, left out)' : ''}`);
    }
  }
  const days = within(range);
  if (asked.from !== undefined && days.length === 0) notes.push(`no readings of the selected units in ${localDateOfDay(range.fromDay)}..${localDateOfDay(range.toDay - 1)}: every figure is null with reason no-data`);
  const { fromMs, toMs } = periodMs(range);
  return {
    ...range, notes,
    wire: {
      from: localDateOfDay(range.fromDay), to: localDateOfDay(range.toDay), lastDay: localDateOfDay(range.toDay - 1), days: range.toDay - range.fromDay,
      fromIso: new Date(fromMs).toISOString(), toIso: new Date(toMs).toISOString(), timezone: 'Asia/Shanghai (UTC+08:00)',
      label: `${localDateOfDay(range.fromDay)}..${localDateOfDay(range.toDay - 1)}`,
      source: season ? 'default-season' : 'requested',
      season: season ? { from: localDateOfDay(season.fromDay), to: localDateOfDay(season.toDay) } : null,
      clampedToData: clamped,
      dataDays: days.length === 0 ? null : { first: localDateOfDay(Math.min(...days)), last: localDateOfDay(Math.max(...days)), withData: days.length },
    },
  };
}

export const periodMs = (r: DayRange): { fromMs: number; toMs: number } => ({ fromMs: localDayStartMs(r.fromDay), toMs: localDayStartMs(r.toDay) });
