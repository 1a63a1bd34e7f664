/**
 * After-sales metrics (after-sales.md) from the fault codes units report with their readings
 * (`Reading.faultCode`, e.g. "E3" or "E3,E7"): fault events, events per unit-season, share of units with
 * faults and mean time between faults, per model or manufacturer. The registry holds no service or
 * work-order records, so every result says so instead of inventing a figure.
 */
import { z } from 'zod';
import type { Reading } from '../../domain/telemetry-channels.js';
import { commonPeriod, type EvaluatedUnit, type PeriodLabel } from './evaluated-unit.js';
import { GroupBySchema, groupUnits, type GroupBy, type GroupLabel } from './groups.js';
import { parseOrExplain } from './zod-errors.js';

export interface FaultEvent { readonly unitId: string; readonly code: string; readonly startMs: number; readonly endMs: number; readonly readings: number }

/** Codes in one fault field: separated by commas, semicolons or spaces. */
export const faultCodesOf = (field: string): string[] => field.split(/[,;\s]+/).map((c) => c.trim()).filter((c) => c.length > 0);

/**
 * A fault event is a run of readings of one unit carrying the same code, consecutive readings at most
 * `maxGapS` apart; a reading without that code, or a longer gap, ends it (a fault that clears and
 * returns is a new event). Readings may come in any order.
 */
export function faultEventsFromReadings(readings: readonly Reading[], maxGapS = 900): FaultEvent[] {
  if (!(maxGapS > 0)) throw new Error(`fault events: maxGapS ${maxGapS} must be positive`);
  const byUnit = new Map<string, Reading[]>();
  for (const r of readings) {
    let l = byUnit.get(r.unitId);
    if (!l) { l = []; byUnit.set(r.unitId, l); }
    l.push(r);
  }
  const events: FaultEvent[] = [];
  for (const [unitId, list] of byUnit) {
    list.sort((a, b) => a.tsMs - b.tsMs);
    const open = new Map<string, { startMs: number; lastMs: number; readings: number }>();
    const close = (code: string) => {
      const e = open.get(code);
      if (e) events.push({ unitId, code, startMs: e.startMs, endMs: e.lastMs, readings: e.readings });
      open.delete(code);
    };
    let prevTs = Number.NEGATIVE_INFINITY;
    for (const r of list) {
      if (r.tsMs === prevTs && !r.faultCode) continue; // a duplicate without the code does not clear it
      const codes = new Set(r.faultCode ? faultCodesOf(r.faultCode) : []);
      for (const code of [...open.keys()]) {
        const e = open.get(code) as { lastMs: number };
        if (!codes.has(code) || r.tsMs - e.lastMs > maxGapS * 1000) close(code);
      }
      for (const code of codes) {
        const e = open.get(code);
        if (e) { if (r.tsMs !== e.lastMs) e.readings++; e.lastMs = r.tsMs; } else open.set(code, { startMs: r.tsMs, lastMs: r.tsMs, readings: 1 });
      }
      prevTs = r.tsMs;
    }
    for (const code of [...open.keys()]) close(code);
  }
  return events.sort((a, b) => a.unitId.localeCompare(b.unitId) || a.startMs - b.startMs || a.code.localeCompare(b.code));
}

export const AfterSalesOptionsSchema = z.object({
  groupBy: GroupBySchema.default('model'),
  /** Length of one heating season (days) for "per unit-season"; default 121 (Beijing, 15 Nov – 15 Mar). */
  seasonDays: z.number().positive().max(366).default(121),
}).strict();

export interface AfterSalesGroup extends GroupLabel {
  readonly units: number;
  readonly unitSeasons: number;
  readonly faultEvents: number;
  readonly eventsPerUnitSeason: number;
  readonly unitsWithFaults: number;
  readonly unitsWithFaultsPct: number;
  /** Calendar hours observed / fault events; null without events (see `observedH`). */
  readonly meanTimeBetweenFaultsH: number | null;
  /** Compressor running hours / fault events; null without events or running data. */
  readonly meanRunningHoursBetweenFaults: number | null;
  readonly observedH: number;
  readonly runningH: number;
  readonly byCode: Readonly<Record<string, number>>;
}
export interface AfterSalesReport {
  readonly period: PeriodLabel | null;
  readonly groupBy: GroupBy;
  readonly seasonDays: number;
  readonly fleet: Omit<AfterSalesGroup, 'key' | 'manufacturer' | 'model'>;
  readonly groups: readonly AfterSalesGroup[];
  /** Fault events of units not in the population (wrong unit id or filtered out), counted apart. */
  readonly eventsOfOtherUnits: number;
  readonly serviceRecords: { readonly available: false; readonly note: string };
}

function aggregate(units: readonly EvaluatedUnit[], events: ReadonlyMap<string, FaultEvent[]>, seasonDays: number): Omit<AfterSalesGroup, 'key' | 'manufacturer' | 'model'> {
  let observedH = 0; let runningH = 0; let faultEvents = 0; let unitsWithFaults = 0;
  const byCode: Record<string, number> = {};
  for (const u of units) {
    observedH += u.kpis.status === 'ok' ? u.kpis.period.hours : 0;
    runningH += u.kpis.cycling.runningH;
    const ev = events.get(u.unit.id) ?? [];
    faultEvents += ev.length;
    if (ev.length > 0) unitsWithFaults++;
    for (const e of ev) byCode[e.code] = (byCode[e.code] ?? 0) + 1;
  }
  const unitSeasons = observedH / (seasonDays * 24);
  return {
    units: units.length, unitSeasons, faultEvents,
    eventsPerUnitSeason: unitSeasons > 0 ? faultEvents / unitSeasons : 0,
    unitsWithFaults, unitsWithFaultsPct: units.length > 0 ? (100 * unitsWithFaults) / units.length : 0,
    meanTimeBetweenFaultsH: faultEvents > 0 ? observedH / faultEvents : null,
    meanRunningHoursBetweenFaults: faultEvents > 0 && runningH > 0 ? runningH / faultEvents : null,
    observedH, runningH, byCode,
  };
}

export function afterSalesMetrics(units: readonly EvaluatedUnit[], events: readonly FaultEvent[], optionsInput: z.input<typeof AfterSalesOptionsSchema> = {}): AfterSalesReport {
  const o = parseOrExplain(AfterSalesOptionsSchema, optionsInput, 'after-sales options');
  const ids = new Set(units.map((u) => u.unit.id));
  const byUnit = new Map<string, FaultEvent[]>();
  let other = 0;
  for (const e of events) {
    if (!ids.has(e.unitId)) { other++; continue; }
    const l = byUnit.get(e.unitId) ?? [];
    l.push(e); byUnit.set(e.unitId, l);
  }
  const groups = [...groupUnits(units, o.groupBy).values()].map(({ label, units: m }) => ({ ...label, ...aggregate(m, byUnit, o.seasonDays) }));
  return {
    period: commonPeriod(units), groupBy: o.groupBy, seasonDays: o.seasonDays,
    fleet: aggregate(units, byUnit, o.seasonDays),
    groups: groups.sort((a, b) => b.eventsPerUnitSeason - a.eventsPerUnitSeason || a.key.localeCompare(b.key)),
    eventsOfOtherUnits: other,
    serviceRecords: { available: false, note: 'no service records: the registry holds no service or work-order data; metrics come from reported fault codes only' },
  };
}

/** Fault events per unit id, for the credit rule on fault rates. */
export function eventsByUnit(events: readonly FaultEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) m.set(e.unitId, (m.get(e.unitId) ?? 0) + 1);
  return m;
}
