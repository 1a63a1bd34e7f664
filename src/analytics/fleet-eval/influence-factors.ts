/**
 * Key influence factors of seasonal performance (influence-factors.md): a multiple linear regression of
 * SPF (H2 by default) on unit, building and operating factors, (weighted) least squares with HC3 robust
 * standard errors and t intervals, variance inflation factors to flag confounding, and per-factor
 * univariate contrasts (median difference with a seeded bootstrap CI). Minimum-data rules decide what is
 * estimated; everything else says why it is not.
 */
import { z } from 'zod';
import type { Boundary } from '../unit-kpis/index.js';
import { commonPeriod, type EvaluatedUnit, type PeriodLabel } from './evaluated-unit.js';
import { notEvaluableReasons } from './evaluability.js';
import { FACTOR_KEYS, FACTORS, type FactorKey } from './influence-factors-data.js';
import { fitOls, RankDeficientError } from './ols.js';
import { BoundarySchema } from './rankings.js';
import { bootstrapMedianDifferenceCi, median, type ConfidenceInterval } from './stats.js';
import { studentTCdf } from './student-t.js';
import { parseOrExplain } from './zod-errors.js';

export const InfluenceOptionsSchema = z.object({
  boundary: BoundarySchema.default('h2'),
  factors: z.array(z.enum(FACTOR_KEYS)).min(1).default(['emitter', 'capacityControl', 'loadRatio', 'flowTempC', 'meanOutdoorC', 'heatLossWPerM2K']),
  /** 'heat': each unit weighted by its heat at the boundary (the fleet's energy-weighted view); 'none': every unit counts once. */
  weighting: z.enum(['none', 'heat']).default('none'),
  minUnits: z.number().int().min(3).default(20),
  /** Units per estimated coefficient (rule of thumb for stable linear-regression coefficients). */
  minUnitsPerCoefficient: z.number().min(1).default(10),
  /** A categorical level needs this many units to be estimated; rarer levels' units are left out and named. */
  minUnitsPerLevel: z.number().int().min(2).default(5),
  minCoveragePct: z.number().min(0).max(100).default(80),
  minHeatKWh: z.number().min(0).default(0),
  /** VIF above this flags a term as confounded with the factor it correlates with most. */
  vifLimit: z.number().gt(1).default(5),
  level: z.number().gt(0).lt(1).default(0.95),
  bootstrap: z.object({ resamples: z.number().int().min(100).max(100_000).default(2000), seed: z.number().int().nonnegative().default(1) }).prefault({}),
}).strict();
export type InfluenceOptions = z.input<typeof InfluenceOptionsSchema>;

export type FactorStatus = 'estimated' | 'no-variation' | 'too-little-data' | 'collinear';
/** A note or reason as a code of INFLUENCE_TEXTS (src/contract/texts/report-texts.ts) and its parameters (docs/i18n.md). */
export type InfluenceTextCode = 'no-estimable-factor' | 'too-few-units' | 'not-known' | 'every-unit-is' | 'too-few-levels' | 'same-value' | 'collinear' | 'collinear-alone' | 'confounded';
export interface InfluenceTextRef { readonly code: InfluenceTextCode; readonly params: Readonly<Record<string, string | number>> }
export interface FactorNote { readonly factor: FactorKey; readonly label: string; readonly status: FactorStatus; readonly note: string | null; readonly noteRef: InfluenceTextRef | null }
export interface Term {
  readonly factor: FactorKey; readonly term: string;
  readonly estimate: number; readonly seHc3: number; readonly ci: readonly [number, number]; readonly pValue: number;
  readonly vif: number | null; readonly confoundedWith: string | null;
}
export interface Contrast { readonly factor: FactorKey; readonly comparison: string; readonly nA: number; readonly nB: number; readonly medianA: number; readonly medianB: number; readonly medianDifference: number; readonly ci: ConfidenceInterval | null }
export interface InfluenceResult {
  readonly response: string;
  readonly boundary: Boundary;
  readonly period: PeriodLabel | null;
  readonly population: { readonly units: number; readonly evaluable: number; readonly used: number };
  readonly weighting: 'none' | 'heat';
  readonly model: { readonly status: 'fitted'; readonly n: number; readonly coefficients: number; readonly rSquared: number; readonly adjRSquared: number; readonly residualDf: number; readonly intercept: number; readonly terms: readonly Term[] }
    | { readonly status: 'insufficient-data'; readonly n: number; readonly coefficients: number; readonly reason: string; readonly reasonRef: InfluenceTextRef };
  readonly factors: readonly FactorNote[];
  readonly contrasts: readonly Contrast[];
  readonly notes: readonly string[];
}

interface Column { readonly factor: FactorKey; readonly term: string; readonly values: number[] }

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n; const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0; let saa = 0; let sbb = 0;
  for (let i = 0; i < n; i++) { const da = (a[i] as number) - ma; const db = (b[i] as number) - mb; sab += da * db; saa += da * da; sbb += db * db; }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** List parameters travel joined by U+001F (LIST_SEPARATOR of src/contract/texts, which this layer may not import). */
const LIST_SEPARATOR = '\u001f';
const noEstimableFactor = (n: number, coefficients: number): InfluenceResult['model'] =>
  ({ status: 'insufficient-data', n, coefficients, reason: 'no estimable factor', reasonRef: { code: 'no-estimable-factor', params: {} } });

export function influenceFactors(units: readonly EvaluatedUnit[], optionsInput: InfluenceOptions = {}): InfluenceResult {
  const o = parseOrExplain(InfluenceOptionsSchema, optionsInput, 'influence options');
  const factors = [...new Set(o.factors)];
  const notes: string[] = [];
  const evaluable = units.filter((u) => notEvaluableReasons(u.kpis, { boundary: o.boundary, minCoveragePct: o.minCoveragePct, minHeatKWh: o.minHeatKWh }).length === 0);
  // Listwise: a unit needs every chosen factor; a factor missing for over half the units is dropped instead.
  const factorNotes = new Map<FactorKey, FactorNote>();
  let active = factors.filter((f) => {
    const missing = evaluable.filter((u) => FACTORS[f].get(u) === null).length;
    if (evaluable.length > 0 && missing > evaluable.length / 2) {
      factorNotes.set(f, { factor: f, label: FACTORS[f].label, status: 'too-little-data', note: `not known for ${missing} of ${evaluable.length} units`, noteRef: { code: 'not-known', params: { missing, units: evaluable.length } } });
      return false;
    }
    return true;
  });
  let rows = evaluable.filter((u) => active.every((f) => FACTORS[f].get(u) !== null));
  if (rows.length < evaluable.length) notes.push(`${evaluable.length - rows.length} units left out: a chosen factor is not known for them`);
  // Categorical levels: rare levels' units are left out; a factor with fewer than two adequate levels is not estimable.
  const levels = new Map<FactorKey, { ref: string; others: string[] }>();
  for (const f of active) {
    const spec = FACTORS[f];
    if (spec.kind === 'categorical') {
      const counts = new Map<string, number>();
      for (const u of rows) { const v = spec.get(u) as string; counts.set(v, (counts.get(v) ?? 0) + 1); }
      const ok = [...counts].filter(([, c]) => c >= o.minUnitsPerLevel).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const rare = [...counts].filter(([, c]) => c < o.minUnitsPerLevel);
      if (ok.length < 2) {
        const only = [...counts.keys()][0] ?? '—';
        const levelCounts = [...counts].map(([k, c]) => `${k} ${c}`);
        factorNotes.set(f, counts.size < 2
          ? { factor: f, label: spec.label, status: 'no-variation', note: `every unit is ${only}`, noteRef: { code: 'every-unit-is', params: { level: only } } }
          : { factor: f, label: spec.label, status: 'too-little-data', note: `fewer than two levels with ≥ ${o.minUnitsPerLevel} units (${levelCounts.join(', ')})`, noteRef: { code: 'too-few-levels', params: { minUnitsPerLevel: o.minUnitsPerLevel, levelCounts: levelCounts.join(LIST_SEPARATOR) } } });
        continue;
      }
      if (rare.length > 0) {
        const drop = new Set(rare.map(([k]) => k));
        rows = rows.filter((u) => !drop.has(spec.get(u) as string));
        notes.push(`${spec.label}: level(s) ${rare.map(([k, c]) => `${k} (${c})`).join(', ')} below ${o.minUnitsPerLevel} units; their units left out`);
      }
      levels.set(f, { ref: ok[0]?.[0] as string, others: ok.slice(1).map(([k]) => k) });
    } else {
      const vals = rows.map((u) => spec.get(u) as number);
      const spread = vals.length > 0 ? Math.max(...vals) - Math.min(...vals) : 0;
      if (!(spread > 1e-9 * Math.max(1, Math.abs(vals[0] ?? 0)))) factorNotes.set(f, { factor: f, label: spec.label, status: 'no-variation', note: `the same value (${(vals[0] ?? 0).toPrecision(4)}) for every unit`, noteRef: { code: 'same-value', params: { value: (vals[0] ?? 0).toPrecision(4) } } });
    }
  }
  active = active.filter((f) => !factorNotes.has(f));
  const y = rows.map((u) => u.kpis.spf[o.boundary] as number);
  const weights = o.weighting === 'heat' ? rows.map((u) => u.kpis.energy.boundaries[o.boundary].heatKWh) : undefined;
  const buildColumns = (fs: readonly FactorKey[]): Column[] => fs.flatMap((f): Column[] => {
    const spec = FACTORS[f];
    if (spec.kind === 'numeric') return [{ factor: f, term: `${f} (per ${spec.unit})`, values: rows.map((u) => spec.get(u) as number) }];
    const lv = levels.get(f) as { ref: string; others: string[] };
    return lv.others.map((l) => ({ factor: f, term: `${f}=${l} vs ${lv.ref}`, values: rows.map((u) => (spec.get(u) === l ? 1 : 0)) }));
  });
  let columns = buildColumns(active);
  const p = columns.length + 1;
  const needed = Math.max(o.minUnits, Math.ceil(o.minUnitsPerCoefficient * p));
  let model: InfluenceResult['model'];
  if (rows.length < needed || columns.length === 0) {
    model = columns.length === 0 ? noEstimableFactor(rows.length, p) : {
      status: 'insufficient-data', n: rows.length, coefficients: p, reason: `${rows.length} units for ${p} coefficients: ${needed} needed (≥ ${o.minUnits} and ${o.minUnitsPerCoefficient} per coefficient)`,
      reasonRef: { code: 'too-few-units', params: { n: rows.length, coefficients: p, needed, minUnits: o.minUnits, perCoefficient: o.minUnitsPerCoefficient } },
    };
  } else {
    let fit: ReturnType<typeof fitOls> | null = null;
    while (!fit) {
      try {
        fit = fitOls(rows.map((_, i) => [1, ...columns.map((c) => c.values[i] as number)]), y, { ...(weights ? { weights } : {}), level: o.level });
      } catch (e) {
        if (!(e instanceof RankDeficientError)) throw e;
        const bad = columns[e.column - 1] as Column;
        const partner = columns.filter((c) => c !== bad).map((c) => ({ c, r: Math.abs(correlation(c.values, bad.values)) })).sort((a, b) => b.r - a.r)[0];
        factorNotes.set(bad.factor, {
          factor: bad.factor, label: FACTORS[bad.factor].label, status: 'collinear', note: `a linear combination of the other factors${partner ? ` (|r| = ${partner.r.toFixed(2)} with ${partner.c.term})` : ''}: its effect cannot be told apart`,
          noteRef: partner ? { code: 'collinear', params: { r: partner.r, term: partner.c.term } } : { code: 'collinear-alone', params: {} },
        });
        active = active.filter((f) => f !== bad.factor);
        columns = buildColumns(active);
        if (columns.length === 0) break;
      }
    }
    if (!fit) model = noEstimableFactor(rows.length, 1);
    else {
      const terms: Term[] = columns.map((c, j) => {
        const others = columns.filter((_, k) => k !== j);
        let vif: number | null = null;
        if (others.length > 0) {
          try { vif = 1 / Math.max(1e-12, 1 - fitOls(rows.map((_, i) => [1, ...others.map((q) => q.values[i] as number)]), c.values).rSquared); } catch { vif = null; }
        }
        const partner = others.map((q) => ({ q, r: correlation(q.values, c.values) })).sort((a, b) => Math.abs(b.r) - Math.abs(a.r))[0];
        const est = fit.coefficients[j + 1] as number;
        const se = fit.seHc3[j + 1] as number;
        const t = se > 0 ? Math.abs(est / se) : Number.POSITIVE_INFINITY;
        return {
          factor: c.factor, term: c.term, estimate: est, seHc3: se, ci: fit.ci[j + 1] as [number, number],
          pValue: se > 0 ? 2 * (1 - studentTCdf(t, fit.residualDf)) : 0,
          vif, confoundedWith: vif !== null && vif > o.vifLimit && partner ? `${partner.q.term} (r = ${partner.r.toFixed(2)}, VIF ${vif.toFixed(1)})` : null,
        };
      });
      model = { status: 'fitted', n: fit.n, coefficients: fit.p, rSquared: fit.rSquared, adjRSquared: fit.adjRSquared, residualDf: fit.residualDf, intercept: fit.coefficients[0] as number, terms };
      for (const f of active) if (!factorNotes.has(f)) {
        const conf = terms.filter((t) => t.factor === f && t.confoundedWith).map((t) => t.confoundedWith);
        factorNotes.set(f, { factor: f, label: FACTORS[f].label, status: 'estimated', note: conf.length > 0 ? `confounded with ${conf.join('; ')}: read its coefficient with care` : null, noteRef: conf.length > 0 ? { code: 'confounded', params: { with: conf.join('; ') } } : null });
      }
    }
  }
  for (const f of factors) if (!factorNotes.has(f)) factorNotes.set(f, { factor: f, label: FACTORS[f].label, status: 'too-little-data', note: model.status === 'insufficient-data' ? model.reason : null, noteRef: model.status === 'insufficient-data' ? model.reasonRef : null });
  return {
    response: `SPF ${o.boundary.toUpperCase()}`, boundary: o.boundary, period: commonPeriod(units),
    population: { units: units.length, evaluable: evaluable.length, used: rows.length },
    weighting: o.weighting, model, factors: factors.map((f) => factorNotes.get(f) as FactorNote),
    contrasts: contrasts(evaluable, factors, o),
    notes,
  };
}

/** Univariate contrasts over every evaluable unit that has the factor: each level vs the most frequent; numeric: upper vs lower half. */
function contrasts(units: readonly EvaluatedUnit[], factors: readonly FactorKey[], o: z.infer<typeof InfluenceOptionsSchema>): Contrast[] {
  const out: Contrast[] = [];
  const spf = (u: EvaluatedUnit) => u.kpis.spf[o.boundary] as number;
  const push = (factor: FactorKey, comparison: string, a: number[], b: number[]) => {
    if (a.length < o.minUnitsPerLevel || b.length < o.minUnitsPerLevel) return;
    const ma = median(a); const mb = median(b);
    out.push({ factor, comparison, nA: a.length, nB: b.length, medianA: ma, medianB: mb, medianDifference: ma - mb, ci: bootstrapMedianDifferenceCi(a, b, { ...o.bootstrap, level: o.level }) });
  };
  for (const f of factors) {
    const spec = FACTORS[f];
    if (spec.kind === 'categorical') {
      const groups = new Map<string, number[]>();
      for (const u of units) { const v = spec.get(u); if (v !== null) groups.set(v, [...(groups.get(v) ?? []), spf(u)]); }
      const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
      const ref = sorted[0];
      if (ref) for (const [level, vals] of sorted.slice(1)) push(f, `${level} − ${ref[0]}`, vals, ref[1]);
    } else {
      const pairs = units.map((u) => [spec.get(u), spf(u)] as const).filter((x): x is readonly [number, number] => x[0] !== null);
      if (pairs.length === 0) continue;
      const cut = median(pairs.map(([v]) => v));
      const hi = pairs.filter(([v]) => v > cut).map(([, s]) => s);
      const lo = pairs.filter(([v]) => v <= cut).map(([, s]) => s);
      push(f, `${f} above ${cut.toPrecision(4)} − at or below`, hi, lo);
    }
  }
  return out;
}
