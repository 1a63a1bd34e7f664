/**
 * Tariffs and policies as data: time-of-use windows in Asia/Shanghai local time, valley subsidies with
 * a seasonal cap, heating-season dates and provenance. Parsed once by zod; windows must tile the day
 * exactly (an overlap or a gap is an error naming the windows).
 */
import { z } from 'zod';

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991 (IANA tzdata), so a fixed offset is exact. */
export const SHANGHAI_UTC_OFFSET_MIN = 480;
export const MINUTES_PER_DAY = 1440;

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a local time is HH:MM (00:00–24:00)');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a season date is MM-DD');

export const TouWindowSchema = z.object({
  name: z.string().min(1),
  /** Local start and end (end exclusive); a window with end ≤ start wraps midnight, e.g. 20:00–08:00. */
  fromLocal: hhmm,
  toLocal: hhmm,
  priceYuanPerKWh: z.number().min(0).max(10),
  /** Subsidy paid back per kWh in this window while the household is under the seasonal cap. */
  subsidyYuanPerKWh: z.number().min(0).max(10).default(0),
});
export type TouWindow = z.infer<typeof TouWindowSchema>;

export const TariffSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    timeZone: z.literal('Asia/Shanghai'),
    /** "verified": every number traced to a source; "unverified": at least one number is not (see note). */
    status: z.enum(['verified', 'unverified']),
    note: z.string().default(''),
    sources: z.array(z.string().min(1)).min(1),
    windows: z.array(TouWindowSchema).min(1),
    /** Subsidised kWh per household per heating season; beyond it the window's full price applies. */
    subsidyCapKWhPerSeason: z.number().positive().optional(),
    /** Heating season (inclusive local dates); outside it the policy does not apply. */
    season: z.object({ from: monthDay, to: monthDay }),
  })
  .superRefine((t, ctx) => {
    for (const issue of windowTilingIssues(t.windows)) ctx.addIssue({ code: 'custom', path: ['windows'], message: issue });
    if (t.windows.some((w) => w.subsidyYuanPerKWh > w.priceYuanPerKWh)) {
      ctx.addIssue({ code: 'custom', path: ['windows'], message: 'a subsidy exceeds its window price' });
    }
  });
export type Tariff = z.infer<typeof TariffSchema>;
export type TariffInput = z.input<typeof TariffSchema>;

const minutesOf = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** The minute intervals [start, end) a window covers within one day (two when it wraps midnight). */
export function windowMinutes(w: Pick<TouWindow, 'fromLocal' | 'toLocal'>): [number, number][] {
  const from = minutesOf(w.fromLocal) % MINUTES_PER_DAY;
  const to = minutesOf(w.toLocal);
  if (to > from) return [[from, to]];
  return [[from, MINUTES_PER_DAY], [0, to]].filter(([a, b]) => (b as number) > (a as number)) as [number, number][];
}

const fmt = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Human-readable problems with a set of windows: overlaps (naming both windows) and gaps (naming the neighbours). */
export function windowTilingIssues(windows: readonly Pick<TouWindow, 'name' | 'fromLocal' | 'toLocal'>[]): string[] {
  const owner: (number | undefined)[] = new Array(MINUTES_PER_DAY).fill(undefined);
  const issues: string[] = [];
  const overlaps = new Set<string>();
  windows.forEach((w, i) => {
    if (w.fromLocal === w.toLocal && windows.length > 1) issues.push(`window "${w.name}" covers the whole day but is not the only window`);
    for (const [a, b] of windowMinutes(w)) {
      for (let m = a; m < b; m++) {
        const o = owner[m];
        if (o !== undefined && o !== i) overlaps.add(`${o}|${i}`);
        else owner[m] = i;
      }
    }
  });
  for (const key of overlaps) {
    const [a, b] = key.split('|').map(Number) as [number, number];
    issues.push(`windows "${windows[a]?.name}" (${windows[a]?.fromLocal}–${windows[a]?.toLocal}) and "${windows[b]?.name}" (${windows[b]?.fromLocal}–${windows[b]?.toLocal}) overlap`);
  }
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    if (owner[m] !== undefined) continue;
    let end = m;
    while (end < MINUTES_PER_DAY && owner[end] === undefined) end++;
    const before = windows.find((w) => windowMinutes(w).some(([, b]) => b === m || (m === 0 && b === MINUTES_PER_DAY)));
    const after = windows.find((w) => windowMinutes(w).some(([a]) => a === end % MINUTES_PER_DAY));
    issues.push(`no window covers ${fmt(m)}–${fmt(end)} (gap between "${before?.name ?? '(start of day)'}" and "${after?.name ?? '(end of day)'}")`);
    m = end;
  }
  return issues;
}

export type TariffParseResult = { ok: true; tariff: Tariff } | { ok: false; code: 'invalid-tariff'; issues: string[] };

/** Parses a tariff; failures are a value listing each problem with its field path. */
export function parseTariff(input: unknown): TariffParseResult {
  const r = TariffSchema.safeParse(input);
  if (r.success) return { ok: true, tariff: r.data };
  return { ok: false, code: 'invalid-tariff', issues: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
