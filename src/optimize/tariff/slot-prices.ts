/**
 * Household price per slot for one day: each slot's price is the time-weighted average of the windows
 * it overlaps (exact for energy drawn evenly within the slot). Valley subsidies apply inside the
 * heating season while the household is under its seasonal cap.
 */
import { MINUTES_PER_DAY, SHANGHAI_UTC_OFFSET_MIN, windowMinutes, type Tariff } from './schema.js';

const MINUTE_MS = 60_000;

export interface DayPrices {
  /** What the household pays per kWh in each slot (price − subsidy when it applies). */
  readonly priceYuanPerKWh: Float64Array;
  /** Name of the window covering most of each slot. */
  readonly windowName: readonly string[];
  readonly inSeason: boolean;
  readonly subsidyApplied: boolean;
}

export interface DayPriceOptions {
  /** Slot length in minutes; must divide the day. */
  readonly slotMinutes: number;
  /** Subsidised kWh the household has left this season (default: the whole cap). */
  readonly subsidyRemainingKWh?: number;
}

/** Local-midnight check and the local calendar date (Asia/Shanghai) of an instant. */
export function localDate(tsMs: number): { month: number; day: number; minuteOfDay: number } {
  const d = new Date(tsMs + SHANGHAI_UTC_OFFSET_MIN * MINUTE_MS);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** Whether a local date falls within the tariff's heating season (which may wrap the new year). */
export function inHeatingSeason(tariff: Tariff, tsMs: number): boolean {
  const { month, day } = localDate(tsMs);
  const key = month * 100 + day;
  const [fm, fd] = tariff.season.from.split('-').map(Number) as [number, number];
  const [tm, td] = tariff.season.to.split('-').map(Number) as [number, number];
  const from = fm * 100 + fd;
  const to = tm * 100 + td;
  return from <= to ? key >= from && key <= to : key >= from || key <= to;
}

/** Prices for the local day starting at `dayStartMs` (must be local midnight, Asia/Shanghai). */
export function dayPrices(tariff: Tariff, dayStartMs: number, opts: DayPriceOptions): DayPrices {
  const { slotMinutes } = opts;
  if (!(slotMinutes > 0) || MINUTES_PER_DAY % slotMinutes !== 0) throw new Error(`slotMinutes: ${slotMinutes} must divide 1440`);
  if (localDate(dayStartMs).minuteOfDay !== 0) throw new Error(`dayStartMs: ${new Date(dayStartMs).toISOString()} is not local midnight in Asia/Shanghai`);
  const inSeason = inHeatingSeason(tariff, dayStartMs);
  const capLeft = opts.subsidyRemainingKWh ?? tariff.subsidyCapKWhPerSeason ?? Number.POSITIVE_INFINITY;
  const subsidyApplied = inSeason && capLeft > 0;
  const perMinute = new Float64Array(MINUTES_PER_DAY);
  const ownerOf = new Int32Array(MINUTES_PER_DAY);
  tariff.windows.forEach((w, i) => {
    const p = w.priceYuanPerKWh - (subsidyApplied ? w.subsidyYuanPerKWh : 0);
    for (const [a, b] of windowMinutes(w)) for (let m = a; m < b; m++) { perMinute[m] = p; ownerOf[m] = i; }
  });
  const n = MINUTES_PER_DAY / slotMinutes;
  const price = new Float64Array(n);
  const names: string[] = [];
  for (let k = 0; k < n; k++) {
    let sum = 0;
    const count = new Map<number, number>();
    for (let m = k * slotMinutes; m < (k + 1) * slotMinutes; m++) {
      sum += perMinute[m] as number;
      count.set(ownerOf[m] as number, (count.get(ownerOf[m] as number) ?? 0) + 1);
    }
    price[k] = sum / slotMinutes;
    const top = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    names.push(tariff.windows[top]?.name ?? '');
  }
  return { priceYuanPerKWh: price, windowName: names, inSeason, subsidyApplied };
}
