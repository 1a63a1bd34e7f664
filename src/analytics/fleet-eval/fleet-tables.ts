/**
 * Fleet tables (fleet-tables.md): filter units by registry attributes, distributions (quantiles and
 * histogram bins) of any KPI, and a side-by-side comparison of chosen units with every figure's boundary.
 */
import { z } from 'zod';
import { CAPACITY_CONTROLS, EMITTER_TYPES, HEAT_PUMP_TYPE_KEYS } from '../../domain/heat-pump-types.js';
import { commonPeriod, installationYear, type EvaluatedUnit, type PeriodLabel } from './evaluated-unit.js';
import { KPI_CATALOGUE, KPI_KEYS, type KpiKey } from './kpi-catalogue.js';
import { quantileSorted, sortedCopy } from './stats.js';
import { parseOrExplain } from './zod-errors.js';

const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).min(1).optional();

export const FleetFilterSchema = z.object({
  villageIds: list(z.string().min(1)),
  programmeIds: list(z.string().min(1)),
  manufacturers: list(z.string().min(1)),
  models: list(z.string().min(1)),
  unitTypes: list(z.enum(HEAT_PUMP_TYPE_KEYS)),
  capacityControls: list(z.enum(CAPACITY_CONTROLS)),
  emitters: list(z.enum(EMITTER_TYPES)),
  /** Capacity band [minKw, maxKw): nominal capacity ≥ minKw and < maxKw. */
  capacityKw: z.object({ minKw: z.number().nonnegative().optional(), maxKw: z.number().positive().optional() })
    .refine((c) => c.minKw === undefined || c.maxKw === undefined || c.minKw < c.maxKw, 'minKw must be below maxKw').optional(),
  installationYears: z.object({ from: z.number().int().min(1990).max(2100).optional(), to: z.number().int().min(1990).max(2100).optional() })
    .refine((y) => y.from === undefined || y.to === undefined || y.from <= y.to, 'from must not be after to').optional(),
}).strict();
export type FleetFilter = z.infer<typeof FleetFilterSchema>;

export interface FilterResult { readonly filter: FleetFilter; readonly units: EvaluatedUnit[]; readonly matched: number; readonly total: number }

/** Units matching every given criterion (criteria within one list are alternatives). Unknown keys or values → an Error naming them. */
export function filterUnits(units: readonly EvaluatedUnit[], filterInput: unknown): FilterResult {
  const f = parseOrExplain(FleetFilterSchema, filterInput ?? {}, 'fleet filter');
  const has = <T>(allowed: readonly T[] | undefined, v: T | undefined) => !allowed || (v !== undefined && allowed.includes(v));
  const out = units.filter((e) => {
    const u = e.unit;
    const year = installationYear(e);
    return has(f.villageIds, e.site?.villageId) && has(f.programmeIds, e.site?.programmeId) && has(f.manufacturers, u.manufacturer) && has(f.models, u.model)
      && has(f.unitTypes, u.type) && has(f.capacityControls, u.capacityControl) && has(f.emitters, u.emitter)
      && (f.capacityKw?.minKw === undefined || u.nominalCapacityKw >= f.capacityKw.minKw) && (f.capacityKw?.maxKw === undefined || u.nominalCapacityKw < f.capacityKw.maxKw)
      && (f.installationYears?.from === undefined || year >= f.installationYears.from) && (f.installationYears?.to === undefined || year <= f.installationYears.to);
  });
  return { filter: f, units: out, matched: out.length, total: units.length };
}

export const DistributionRequestSchema = z.object({
  kpi: z.enum(KPI_KEYS),
  bins: z.number().int().min(1).max(200).default(10),
  /** Fixed bin range; default: the sample's min…max. */
  range: z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'range must be [low, high] with low < high').optional(),
}).strict();

export interface Distribution {
  readonly kpi: KpiKey; readonly label: string; readonly unit: string; readonly boundary: string | null;
  readonly period: PeriodLabel | null;
  readonly n: number;
  /** Units whose figure is null (not computable), counted apart. */
  readonly nMissing: number;
  readonly quantiles: { readonly p0: number; readonly p10: number; readonly p25: number; readonly p50: number; readonly p75: number; readonly p90: number; readonly p100: number } | null;
  readonly mean: number | null;
  /** Bins [fromIncl, toExcl); the last bin includes its upper edge. Values outside a fixed range are counted in `outside`. */
  readonly histogram: readonly { readonly fromIncl: number; readonly toExcl: number; readonly count: number }[];
  readonly outside: number;
}

export function kpiDistribution(units: readonly EvaluatedUnit[], requestInput: unknown): Distribution {
  const r = parseOrExplain(DistributionRequestSchema, requestInput, 'distribution request');
  const spec = KPI_CATALOGUE[r.kpi];
  const values: number[] = [];
  let missing = 0;
  for (const u of units) {
    const v = spec.get(u.kpis);
    if (v === null || !Number.isFinite(v)) missing++; else values.push(v);
  }
  const s = sortedCopy(values);
  const base = { kpi: r.kpi, label: spec.label, unit: spec.unit, boundary: spec.boundary, period: commonPeriod(units), n: s.length, nMissing: missing };
  if (s.length === 0) return { ...base, quantiles: null, mean: null, histogram: [], outside: 0 };
  const q = (p: number) => quantileSorted(s, p);
  const [lo, hi] = r.range ?? [s[0] as number, s[s.length - 1] as number];
  const width = hi > lo ? (hi - lo) / r.bins : 1;
  const counts = new Array<number>(r.bins).fill(0);
  let outside = 0;
  for (const v of s) {
    if (v < lo || v > hi) { outside++; continue; }
    const i = Math.min(r.bins - 1, Math.floor((v - lo) / width));
    counts[i] = (counts[i] as number) + 1;
  }
  return {
    ...base,
    quantiles: { p0: q(0), p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), p100: q(1) },
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    histogram: counts.map((count, i) => ({ fromIncl: lo + i * width, toExcl: lo + (i + 1) * width, count })),
    outside,
  };
}

export const ComparisonRequestSchema = z.object({
  unitIds: z.array(z.string().min(1)).min(1).max(50),
  kpis: z.array(z.enum(KPI_KEYS)).min(1).default(['spfH2', 'spfH4', 'copRunning', 'flowTempC', 'carnotPct', 'startsPerRunningHour', 'loadRatio', 'defrostSharePct', 'hoursBelowTarget', 'coveragePct']),
}).strict();

export interface Comparison {
  readonly period: PeriodLabel | null;
  readonly units: readonly { readonly unitId: string; readonly manufacturer: string; readonly model: string; readonly emitter: string; readonly capacityControl: string; readonly nominalCapacityKw: number }[];
  /** One row per KPI, values aligned with `units`; null where the unit's figure is not computable. */
  readonly rows: readonly { readonly kpi: KpiKey; readonly label: string; readonly unit: string; readonly boundary: string | null; readonly values: readonly (number | null)[] }[];
}

/** Side-by-side comparison; an unknown unit id is an error naming it. */
export function compareUnits(units: readonly EvaluatedUnit[], requestInput: unknown): Comparison {
  const r = parseOrExplain(ComparisonRequestSchema, requestInput, 'comparison request');
  const byId = new Map(units.map((u) => [u.unit.id, u]));
  const missing = r.unitIds.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new Error(`comparison: unknown unit ${missing.join(', ')}`);
  const chosen = r.unitIds.map((id) => byId.get(id) as EvaluatedUnit);
  return {
    period: commonPeriod(chosen),
    units: chosen.map(({ unit: u }) => ({ unitId: u.id, manufacturer: u.manufacturer, model: u.model, emitter: u.emitter, capacityControl: u.capacityControl, nominalCapacityKw: u.nominalCapacityKw })),
    rows: r.kpis.map((kpi) => {
      const spec = KPI_CATALOGUE[kpi];
      return { kpi, label: spec.label, unit: spec.unit, boundary: spec.boundary, values: chosen.map((u) => spec.get(u.kpis)) };
    }),
  };
}
