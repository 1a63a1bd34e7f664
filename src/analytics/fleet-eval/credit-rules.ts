/**
 * Access / credit rules as data and the credit list they produce (credit-list.md). A rule is judged per
 * model or manufacturer over the units that meet its data rules; a group with too few such units is
 * "not judged (insufficient data)". Every listed entry carries its evidence: the rule in words, the
 * statistic and threshold, the units with their figures, the period and the boundary.
 */
import { z } from 'zod';
import type { Boundary } from '../unit-kpis/index.js';
import { commonPeriod, unitCoveragePct, type EvaluatedUnit, type PeriodLabel } from './evaluated-unit.js';
import { METERING_CODES, notEvaluableReasons } from './evaluability.js';
import { GroupBySchema, groupUnits, type GroupBy, type GroupLabel } from './groups.js';
import { BoundarySchema } from './rankings.js';
import { median } from './stats.js';
import { parseOrExplain } from './zod-errors.js';

const pct = z.number().min(0).max(100);
const common = {
  id: z.string().min(1).max(64).optional(),
  groupBy: GroupBySchema.default('model'),
  minUnits: z.number().int().min(1),
};
const spfData = { boundary: BoundarySchema, minCoveragePct: pct, minHeatKWh: z.number().min(0).default(0) };

export const CreditRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('median-spf-below'), ...common, ...spfData, thresholdSpf: z.number().positive() }).strict(),
  z.object({ kind: z.literal('share-below-floor'), ...common, ...spfData, floorSpf: z.number().positive(), maxSharePct: pct }).strict(),
  z.object({
    kind: z.literal('comfort-failure-share'), ...common,
    /** A unit fails when it spends more than this share of its covered hours below the target indoor temperature. */
    maxHoursBelowPct: pct, maxSharePct: pct, minIndoorCoveragePct: pct.default(80),
  }).strict(),
  z.object({ kind: z.literal('fault-rate'), ...common, maxEventsPerUnitSeason: z.number().min(0), seasonDays: z.number().positive().max(366).default(121) }).strict(),
  z.object({ kind: z.literal('not-evaluable-share'), ...common, maxSharePct: pct }).strict(),
]);
export type CreditRule = z.infer<typeof CreditRuleSchema>;
export const CreditRulesSchema = z.array(CreditRuleSchema).min(1);

/** Parses rules from JSON-like data; a bad rule → an Error naming its index and field. */
export const parseCreditRules = (input: unknown): CreditRule[] => parseOrExplain(CreditRulesSchema, input, 'credit rules');

/** A text as a code of the catalogues in src/contract/texts/report-texts.ts and its parameters (docs/i18n.md). */
export interface ReportTextRef<C extends string> { readonly code: C; readonly params: Readonly<Record<string, string | number>> }
export type CreditRuleTextCode = 'median-spf-below' | 'median-spf-below-min-heat' | 'share-below-floor' | 'share-below-floor-min-heat' | 'comfort-failure-share' | 'fault-rate' | 'not-evaluable-share';
export type CreditStatisticCode = 'median-spf' | 'share-below-floor' | 'comfort-failure-share' | 'fault-rate' | 'not-evaluable-share';

export interface UnitEvidence { readonly unitId: string; readonly figure: number | null; readonly coveragePct: number; readonly heatKWh: number | null; readonly fails: boolean }
export interface CreditEntry extends GroupLabel {
  readonly ruleId: string;
  readonly ruleText: string;
  readonly ruleTextRef: ReportTextRef<CreditRuleTextCode>;
  readonly period: PeriodLabel | null;
  readonly boundary: Boundary | null;
  readonly statistic: string;
  readonly statisticRef: ReportTextRef<CreditStatisticCode>;
  readonly value: number;
  readonly threshold: number;
  readonly n: number;
  readonly units: readonly UnitEvidence[];
}
export interface RuleOutcome {
  readonly ruleId: string;
  readonly ruleText: string;
  readonly ruleTextRef: ReportTextRef<CreditRuleTextCode>;
  readonly groupBy: GroupBy;
  readonly listed: readonly CreditEntry[];
  readonly passed: readonly (GroupLabel & { readonly value: number; readonly n: number })[];
  readonly notJudged: readonly (GroupLabel & { readonly n: number; readonly reason: string; readonly reasonRef: ReportTextRef<'credit-data-rules'> })[];
}
export interface CreditList { readonly period: PeriodLabel | null; readonly rules: readonly RuleOutcome[]; readonly entries: readonly CreditEntry[] }

export function ruleText(r: CreditRule): string {
  const who = r.groupBy === 'model' ? 'models' : 'manufacturers';
  const b = 'boundary' in r ? r.boundary.toUpperCase() : '';
  const data = 'minCoveragePct' in r ? ` over ≥ ${r.minUnits} units with ≥ ${r.minCoveragePct} % coverage${r.minHeatKWh > 0 ? ` and ≥ ${r.minHeatKWh} kWh heat` : ''}` : ` over ≥ ${r.minUnits} units`;
  switch (r.kind) {
    case 'median-spf-below': return `${who} whose median measured SPF ${b} is below ${r.thresholdSpf}${data}`;
    case 'share-below-floor': return `${who} with more than ${r.maxSharePct} % of units below SPF ${b} ${r.floorSpf}${data}`;
    case 'comfort-failure-share': return `${who} with more than ${r.maxSharePct} % of units spending over ${r.maxHoursBelowPct} % of hours below the target indoor temperature (indoor coverage ≥ ${r.minIndoorCoveragePct} %)${data}`;
    case 'fault-rate': return `${who} with more than ${r.maxEventsPerUnitSeason} fault events per unit-season (${r.seasonDays}-day season)${data}`;
    case 'not-evaluable-share': return `${who} with more than ${r.maxSharePct} % of units not evaluable for metering faults${data}`;
  }
}

/** `ruleText` as a code and its parameters: the rule's own numbers, `who` the groupBy. */
export function ruleTextRef(r: CreditRule): ReportTextRef<CreditRuleTextCode> {
  const base = { who: r.groupBy, minUnits: r.minUnits };
  switch (r.kind) {
    case 'median-spf-below': case 'share-below-floor': {
      const spf = { ...base, boundary: r.boundary.toUpperCase(), minCoveragePct: r.minCoveragePct, ...(r.minHeatKWh > 0 ? { minHeatKWh: r.minHeatKWh } : {}) };
      const code = r.minHeatKWh > 0 ? (`${r.kind}-min-heat` as const) : r.kind;
      return r.kind === 'median-spf-below' ? { code, params: { ...spf, thresholdSpf: r.thresholdSpf } } : { code, params: { ...spf, floorSpf: r.floorSpf, maxSharePct: r.maxSharePct } };
    }
    case 'comfort-failure-share': return { code: r.kind, params: { ...base, maxSharePct: r.maxSharePct, maxHoursBelowPct: r.maxHoursBelowPct, minIndoorCoveragePct: r.minIndoorCoveragePct } };
    case 'fault-rate': return { code: r.kind, params: { ...base, maxEventsPerUnitSeason: r.maxEventsPerUnitSeason, seasonDays: r.seasonDays } };
    case 'not-evaluable-share': return { code: r.kind, params: { ...base, maxSharePct: r.maxSharePct } };
  }
}

interface Judged { readonly statistic: string; readonly statisticRef: ReportTextRef<CreditStatisticCode>; readonly value: number; readonly threshold: number; readonly listed: boolean; readonly units: UnitEvidence[] }

type Short = { reason: string; reasonRef: ReportTextRef<'credit-data-rules'>; n: number };
function judge(r: CreditRule, members: readonly EvaluatedUnit[], faults: ReadonlyMap<string, number>): Judged | Short {
  const short = (n: number): Short => ({
    n, reason: `insufficient data: ${n} of ${members.length} units meet the data rules, ${r.minUnits} needed`,
    reasonRef: { code: 'credit-data-rules', params: { eligible: n, units: members.length, minUnits: r.minUnits } },
  });
  switch (r.kind) {
    case 'median-spf-below':
    case 'share-below-floor': {
      const ok = members.filter((u) => notEvaluableReasons(u.kpis, r).length === 0);
      if (ok.length < r.minUnits) return short(ok.length);
      const fig = (u: EvaluatedUnit) => u.kpis.spf[r.boundary] as number;
      const limit = r.kind === 'median-spf-below' ? r.thresholdSpf : r.floorSpf;
      const units = ok.map((u) => ({ unitId: u.unit.id, figure: fig(u), coveragePct: unitCoveragePct(u.kpis), heatKWh: u.kpis.energy.boundaries[r.boundary].heatKWh, fails: fig(u) < limit }));
      if (r.kind === 'median-spf-below') {
        const m = median(units.map((u) => u.figure));
        return { statistic: `median SPF ${r.boundary.toUpperCase()}`, statisticRef: { code: 'median-spf', params: { boundary: r.boundary.toUpperCase() } }, value: m, threshold: r.thresholdSpf, listed: m < r.thresholdSpf, units };
      }
      const share = (100 * units.filter((u) => u.fails).length) / units.length;
      return { statistic: `% of units below SPF ${r.boundary.toUpperCase()} ${r.floorSpf}`, statisticRef: { code: 'share-below-floor', params: { boundary: r.boundary.toUpperCase(), floorSpf: r.floorSpf } }, value: share, threshold: r.maxSharePct, listed: share > r.maxSharePct, units };
    }
    case 'comfort-failure-share': {
      const ok = members.filter((u) => u.kpis.status === 'ok' && u.kpis.comfort.reason === null && (u.kpis.coverage.indoorTempC?.coveragePct ?? 0) >= r.minIndoorCoveragePct);
      if (ok.length < r.minUnits) return short(ok.length);
      const units = ok.map((u) => {
        const below = (100 * u.kpis.comfort.hoursBelow) / u.kpis.comfort.coveredH;
        return { unitId: u.unit.id, figure: below, coveragePct: u.kpis.coverage.indoorTempC?.coveragePct ?? 0, heatKWh: u.kpis.energy.heatKWh.metered.kWh, fails: below > r.maxHoursBelowPct };
      });
      const share = (100 * units.filter((u) => u.fails).length) / units.length;
      return { statistic: `% of units over ${r.maxHoursBelowPct} % of hours below target`, statisticRef: { code: 'comfort-failure-share', params: { maxHoursBelowPct: r.maxHoursBelowPct } }, value: share, threshold: r.maxSharePct, listed: share > r.maxSharePct, units };
    }
    case 'fault-rate': {
      const ok = members.filter((u) => u.kpis.status === 'ok');
      if (ok.length < r.minUnits) return short(ok.length);
      const seasons = ok.reduce((a, u) => a + u.kpis.period.hours / (r.seasonDays * 24), 0);
      const units = ok.map((u) => {
        const ev = faults.get(u.unit.id) ?? 0;
        const rate = ev / (u.kpis.period.hours / (r.seasonDays * 24));
        return { unitId: u.unit.id, figure: rate, coveragePct: unitCoveragePct(u.kpis), heatKWh: u.kpis.energy.heatKWh.metered.kWh, fails: rate > r.maxEventsPerUnitSeason };
      });
      const rate = ok.reduce((a, u) => a + (faults.get(u.unit.id) ?? 0), 0) / seasons;
      return { statistic: 'fault events per unit-season', statisticRef: { code: 'fault-rate', params: {} }, value: rate, threshold: r.maxEventsPerUnitSeason, listed: rate > r.maxEventsPerUnitSeason, units };
    }
    case 'not-evaluable-share': {
      if (members.length < r.minUnits) return short(members.length);
      const units = members.map((u) => {
        const codes = notEvaluableReasons(u.kpis, { boundary: 'h2', minCoveragePct: 0, minHeatKWh: 0 }).filter((x) => METERING_CODES.includes(x.code));
        return { unitId: u.unit.id, figure: codes.length, coveragePct: unitCoveragePct(u.kpis), heatKWh: u.kpis.energy.heatKWh.metered.kWh, fails: codes.length > 0 };
      });
      const share = (100 * units.filter((u) => u.fails).length) / units.length;
      return { statistic: '% of units not evaluable (metering faults)', statisticRef: { code: 'not-evaluable-share', params: {} }, value: share, threshold: r.maxSharePct, listed: share > r.maxSharePct, units };
    }
  }
}

/**
 * Applies the rules (raw data, parsed here) to the units. `faultEventsByUnit` (from after-sales.ts) is
 * required by 'fault-rate' rules: a fault-rate rule without it is an error, not a clean record.
 */
export function creditList(units: readonly EvaluatedUnit[], rulesInput: unknown, faultEventsByUnit?: ReadonlyMap<string, number>): CreditList {
  const rules = parseCreditRules(rulesInput);
  const ids = new Set<string>();
  rules.forEach((r, i) => {
    const id = r.id ?? `rule-${i + 1}`;
    if (ids.has(id)) throw new Error(`invalid credit rules: ${i}.id: "${id}" is used twice`);
    ids.add(id);
    if (r.kind === 'fault-rate' && !faultEventsByUnit) throw new Error(`credit rule ${id} (fault-rate) needs fault events: pass faultEventsByUnit (after-sales.ts eventsByUnit)`);
  });
  const period = commonPeriod(units);
  const outcomes: RuleOutcome[] = rules.map((r, i) => {
    const ruleId = r.id ?? `rule-${i + 1}`;
    const text = ruleText(r);
    const textRef = ruleTextRef(r);
    const listed: CreditEntry[] = []; const passed: RuleOutcome['passed'][number][] = []; const notJudged: RuleOutcome['notJudged'][number][] = [];
    for (const { label, units: members } of groupUnits(units, r.groupBy).values()) {
      const j = judge(r, members, faultEventsByUnit ?? new Map());
      if ('reason' in j) { notJudged.push({ ...label, n: j.n, reason: j.reason, reasonRef: j.reasonRef }); continue; }
      if (!j.listed) { passed.push({ ...label, value: j.value, n: j.units.length }); continue; }
      listed.push({
        ...label, ruleId, ruleText: text, ruleTextRef: textRef, period, boundary: 'boundary' in r ? r.boundary : null,
        statistic: j.statistic, statisticRef: j.statisticRef, value: j.value, threshold: j.threshold, n: j.units.length, units: j.units,
      });
    }
    const byKey = (a: GroupLabel, b: GroupLabel) => a.key.localeCompare(b.key);
    return { ruleId, ruleText: text, ruleTextRef: textRef, groupBy: r.groupBy, listed: listed.sort(byKey), passed: passed.sort(byKey), notJudged: notJudged.sort(byKey) };
  });
  return { period, rules: outcomes, entries: outcomes.flatMap((o) => o.listed) };
}
