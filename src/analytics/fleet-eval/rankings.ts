/**
 * Model and manufacturer rankings from measured data (rankings.md): per group the median SPF at the
 * chosen boundary (and a second boundary where available), IQR, a bootstrap CI of the median, units and
 * coverage. Minimum-data rules: a unit counts only with enough coverage and heat and no metering fault;
 * a group is ranked only with enough such units — otherwise "insufficient data", never a rank.
 */
import { z } from 'zod';
import type { Boundary } from '../unit-kpis/index.js';
import { commonPeriod, unitCoveragePct, type EvaluatedUnit, type PeriodLabel } from './evaluated-unit.js';
import { notEvaluableReasons, type NotEvaluableReason } from './evaluability.js';
import { GroupBySchema, groupUnits, type GroupBy, type GroupLabel } from './groups.js';
import { bootstrapMedianCi, summarise, type ConfidenceInterval } from './stats.js';
import { parseOrExplain } from './zod-errors.js';

export const BoundarySchema = z.enum(['h1', 'h2', 'h3', 'h4']);

export const RankingOptionsSchema = z.object({
  groupBy: GroupBySchema.default('model'),
  boundary: BoundarySchema.default('h2'),
  /** A second boundary reported beside the first where the units meter it (H4: what the household pays for). */
  secondaryBoundary: BoundarySchema.nullable().default('h4'),
  /** Minimum units per group meeting the unit rules (default 10). */
  minUnits: z.number().int().min(1).default(10),
  /** Per unit: minimum coverage of heat and unit meter (%), default 80. */
  minCoveragePct: z.number().min(0).max(100).default(80),
  /** Per unit: minimum heat at the boundary (kWh), default 500. */
  minHeatKWh: z.number().min(0).default(500),
  bootstrap: z.object({ resamples: z.number().int().min(100).max(100_000).default(2000), seed: z.number().int().nonnegative().default(1), level: z.number().gt(0).lt(1).default(0.95) }).prefault({}),
}).strict();
export type RankingOptions = z.input<typeof RankingOptionsSchema>;

export interface RankedGroup extends GroupLabel {
  readonly rank: number;
  readonly n: number;
  readonly medianSpf: number; readonly q25: number; readonly q75: number; readonly iqr: number;
  readonly ci: ConfidenceInterval | null;
  readonly secondary: { readonly boundary: Boundary; readonly n: number; readonly medianSpf: number | null };
  readonly meanCoveragePct: number;
  readonly heatKWh: number;
  readonly unitIds: readonly string[];
}
/** `reason` / `rules` as a code of src/contract/texts/report-texts.ts and its parameters (docs/i18n.md). */
export interface RankingTextRef<C extends string> { readonly code: C; readonly params: Readonly<Record<string, string | number>> }
export interface UnrankedGroup extends GroupLabel { readonly nEligible: number; readonly nUnits: number; readonly reason: string; readonly reasonRef: RankingTextRef<'ranking-unit-rules'> }

export interface Ranking {
  readonly groupBy: GroupBy;
  readonly boundary: Boundary;
  readonly period: PeriodLabel | null;
  readonly population: { readonly units: number; readonly eligibleUnits: number; readonly groups: number };
  readonly rules: string;
  readonly rulesRef: RankingTextRef<'median-spf'>;
  /** Best first (highest median SPF). */
  readonly ranked: readonly RankedGroup[];
  readonly insufficientData: readonly UnrankedGroup[];
  readonly excludedUnits: readonly { readonly unitId: string; readonly group: string; readonly reasons: readonly NotEvaluableReason[] }[];
}

export function rankGroups(units: readonly EvaluatedUnit[], optionsInput: RankingOptions = {}): Ranking {
  const o = parseOrExplain(RankingOptionsSchema, optionsInput, 'ranking options');
  const period = commonPeriod(units);
  const excludedUnits: { unitId: string; group: string; reasons: NotEvaluableReason[] }[] = [];
  const ranked: Omit<RankedGroup, 'rank'>[] = [];
  const insufficientData: UnrankedGroup[] = [];
  let eligibleUnits = 0;
  const groups = groupUnits(units, o.groupBy);
  for (const { label, units: members } of groups.values()) {
    const eligible = members.filter((u) => {
      const reasons = notEvaluableReasons(u.kpis, { boundary: o.boundary, minCoveragePct: o.minCoveragePct, minHeatKWh: o.minHeatKWh });
      if (reasons.length > 0) excludedUnits.push({ unitId: u.unit.id, group: label.key, reasons });
      return reasons.length === 0;
    });
    eligibleUnits += eligible.length;
    if (eligible.length < o.minUnits) {
      insufficientData.push({
        ...label, nEligible: eligible.length, nUnits: members.length, reason: `insufficient data: ${eligible.length} of ${members.length} units meet the unit rules, ${o.minUnits} needed`,
        reasonRef: { code: 'ranking-unit-rules', params: { eligible: eligible.length, units: members.length, minUnits: o.minUnits } },
      });
      continue;
    }
    const spfs = eligible.map((u) => u.kpis.spf[o.boundary] as number);
    const s = summarise(spfs);
    const sec = o.secondaryBoundary;
    const secSpfs = sec ? eligible.map((u) => u.kpis.spf[sec]).filter((v): v is number => v !== null) : [];
    ranked.push({
      ...label, n: s.n, medianSpf: s.median, q25: s.q25, q75: s.q75, iqr: s.iqr,
      ci: bootstrapMedianCi(spfs, o.bootstrap),
      secondary: { boundary: sec ?? o.boundary, n: secSpfs.length, medianSpf: secSpfs.length >= o.minUnits ? summarise(secSpfs).median : null },
      meanCoveragePct: eligible.reduce((a, u) => a + unitCoveragePct(u.kpis), 0) / eligible.length,
      heatKWh: eligible.reduce((a, u) => a + u.kpis.energy.boundaries[o.boundary].heatKWh, 0),
      unitIds: eligible.map((u) => u.unit.id),
    });
  }
  ranked.sort((a, b) => b.medianSpf - a.medianSpf || a.key.localeCompare(b.key));
  return {
    groupBy: o.groupBy, boundary: o.boundary, period,
    population: { units: units.length, eligibleUnits, groups: groups.size },
    rules: `units with coverage ≥ ${o.minCoveragePct} %, heat ≥ ${o.minHeatKWh} kWh at ${o.boundary.toUpperCase()} and no metering fault; groups with ≥ ${o.minUnits} such units`,
    rulesRef: { code: 'median-spf', params: { minCoveragePct: o.minCoveragePct, minHeatKWh: o.minHeatKWh, boundary: o.boundary.toUpperCase(), minUnits: o.minUnits } },
    ranked: ranked.map((g, i) => ({ ...g, rank: i + 1 })),
    insufficientData: insufficientData.sort((a, b) => a.key.localeCompare(b.key)),
    excludedUnits,
  };
}
