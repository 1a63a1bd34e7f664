/**
 * The comparison table: one row per strategy from the twin's measured outcomes, and the merge of results
 * computed on separate workers (households and transformers are independent).
 */
import { settleFleet, type HeatingFeeContract } from '../contracts/index.js';
import type { ClosedLoopResult, HouseholdOutcomes, RatingGuardStats } from './types.js';

export interface StrategyRow {
  readonly strategy: string;
  readonly households: number;
  readonly electricityKWh: number;
  readonly costYuan: number;
  readonly offValleyHeatingKWh: number;
  readonly safeguardKWh: number;
  readonly backupKWh: number;
  readonly belowFloorKhPerHousehold: number;
  readonly belowFloorHPerHousehold: number;
  /** Highest 15-min (slot) mean load of any transformer: kW and % of its rating (kVA × pf). */
  readonly peakKW: number;
  readonly peakPctMax: number;
  /** Median and 95th percentile over transformers of each one's peak (% of rating). */
  readonly peakPctMedian: number;
  readonly peakPctP95: number;
  /** Σ over transformers of the hours their slot mean load exceeded the rating. */
  readonly overloadHours: number;
  /** Highest planned load of any transformer (% of rating); NaN for rule-based strategies. */
  readonly plannedPeakPctMax: number;
  /** Rating guard (rating-guard.md): hours per household locked while asking for heat, and of them below the floor (h, K·h); NaN without the guard. */
  readonly blockedHPerHousehold: number;
  readonly blockedBelowFloorHPerHousehold: number;
  readonly blockedBelowFloorKhPerHousehold: number;
}

/** A heating fee contract settled on a strategy's twin outcome (src/optimize/contracts/contracts.md): yuan over the run's period, whole fleet. */
export interface ContractColumns {
  readonly contractId: string;
  /** Days of the run inside the contract's season: seasonal charges are pro-rated by them. */
  readonly billedDays: number;
  /** Heat delivered to the buildings (heat pump + backup, kWh): what a per-heat fee bills. */
  readonly deliveredHeatKWh: number;
  readonly feeRevenueYuan: number;
  readonly comfortRefundYuan: number;
  /** Electricity the operator pays (0 when households pay their own). */
  readonly operatorElectricityYuan: number;
  readonly operatorMarginYuan: number;
  /** Mean total cost per household (charges − refund + electricity it pays; yuan per household). */
  readonly householdMeanCostYuan: number;
  /** K·h per household below the contract's guaranteed temperature in its guaranteed hours; NaN without a guarantee. */
  readonly belowGuaranteeKhPerHousehold: number;
}
export type StrategyRowWithContract = StrategyRow & Partial<ContractColumns>;

/** Settles `contract` on each household of `r` (its heated area from `areaM2`, by id); `billedDays` from billedDaysWithin. */
export function contractColumns(r: ClosedLoopResult, contract: HeatingFeeContract, areaM2: (id: string) => number, billedDays: number, periodLabel: string): ContractColumns {
  const h = r.households;
  if (!h.deliveredHeatKWh) throw new Error('contract settlement: the result has no delivered heat');
  if (contract.comfortGuarantee && !h.belowGuaranteeKh) throw new Error(`contract settlement: ${contract.id} guarantees comfort but the run measured no K·h below the guarantee`);
  const heat = h.deliveredHeatKWh, below = h.belowGuaranteeKh;
  const f = settleFleet(contract, h.ids.map((id, i) => ({
    householdId: id, periodLabel, billedDays, heatedAreaM2: areaM2(id), deliveredHeatKWh: heat[i] as number,
    electricityKWh: h.electricityKWh[i] as number, electricityCostYuan: h.costYuan[i] as number, belowGuaranteeKh: below ? (below[i] as number) : 0,
  })));
  return {
    contractId: contract.id, billedDays, deliveredHeatKWh: sum(heat), feeRevenueYuan: f.feeRevenueYuan, comfortRefundYuan: f.comfortRefundYuan, operatorElectricityYuan: f.operatorElectricityYuan,
    operatorMarginYuan: f.operatorMarginYuan, householdMeanCostYuan: f.householdMeanCostYuan,
    belowGuaranteeKhPerHousehold: below ? sum(below) / h.ids.length : Number.NaN,
  };
}

/** The row's name: the strategy, marked when the rating guard held the transformers. */
export const strategyLabel = (r: Pick<ClosedLoopResult, 'strategy' | 'ratingGuard'>): string => (r.ratingGuard ? `${r.strategy} + rating guard` : r.strategy);

const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
};
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

export function strategyRow(r: ClosedLoopResult): StrategyRow {
  const h = r.households;
  const n = h.ids.length;
  const slotH = r.slotMinutes / 60;
  let peakKW = 0, overloadHours = 0, plannedPeakPctMax = Number.NaN;
  const pcts: number[] = [];
  for (const t of r.transformers) {
    const limitW = t.ratingKVA * t.powerFactor * 1000;
    let peak = 0;
    for (const w of t.loadW) { if (w > peak) peak = w; if (w > limitW) overloadHours += slotH; }
    peakKW = Math.max(peakKW, peak / 1000);
    pcts.push((peak / limitW) * 100);
    if (Number.isFinite(t.plannedPeakW)) plannedPeakPctMax = Math.max(Number.isNaN(plannedPeakPctMax) ? 0 : plannedPeakPctMax, (t.plannedPeakW / limitW) * 100);
  }
  pcts.sort((a, b) => a - b);
  return {
    strategy: strategyLabel(r), households: n, electricityKWh: sum(h.electricityKWh), costYuan: sum(h.costYuan), offValleyHeatingKWh: sum(h.offValleyHeatingKWh),
    safeguardKWh: sum(h.safeguardKWh), backupKWh: sum(h.backupKWh), belowFloorKhPerHousehold: sum(h.belowFloorKh) / n, belowFloorHPerHousehold: sum(h.belowFloorH) / n,
    peakKW, peakPctMax: pcts[pcts.length - 1] ?? Number.NaN, peakPctMedian: quantile(pcts, 0.5), peakPctP95: quantile(pcts, 0.95), overloadHours, plannedPeakPctMax,
    blockedHPerHousehold: h.blockedH ? sum(h.blockedH) / n : Number.NaN,
    blockedBelowFloorHPerHousehold: h.blockedBelowFloorH ? sum(h.blockedBelowFloorH) / n : Number.NaN,
    blockedBelowFloorKhPerHousehold: h.blockedBelowFloorKh ? sum(h.blockedBelowFloorKh) / n : Number.NaN,
  };
}

const concat = (parts: readonly Float64Array[]): Float64Array => {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** Identified-model statistics of disjoint shares: household-days summed, the fits' error weighted by them. */
function identifiedStats(pl: readonly ClosedLoopResult['planning'][]): Pick<ClosedLoopResult['planning'], 'identifiedHouseholdDays' | 'meanFitSimulatedRmseK'> {
  const days = pl.reduce((s, x) => s + (x.identifiedHouseholdDays ?? 0), 0);
  const rmse = pl.reduce((s, x) => s + (Number.isFinite(x.meanFitSimulatedRmseK) ? (x.meanFitSimulatedRmseK as number) * (x.identifiedHouseholdDays ?? 0) : 0), 0);
  return { identifiedHouseholdDays: days, meanFitSimulatedRmseK: days > 0 ? rmse / days : Number.NaN };
}

/** Rating-guard statistics of disjoint shares: the longest lock is the longest of any share, counts add. */
function guardStats(parts: readonly ClosedLoopResult[]): RatingGuardStats {
  const g = parts.map((p) => p.ratingGuard as RatingGuardStats);
  return { longestLockH: Math.max(...g.map((x) => x.longestLockH)), locksOverLimit: g.reduce((s, x) => s + x.locksOverLimit, 0), overCapacitySteps: g.reduce((s, x) => s + x.overCapacitySteps, 0) };
}

/** One result from the results of disjoint transformer shares of the same run. */
export function mergeResults(parts: readonly ClosedLoopResult[]): ClosedLoopResult {
  const first = parts[0];
  if (!first) throw new Error('merge: no results');
  const guarded = first.ratingGuard !== undefined;
  if (parts.some((p) => p.strategy !== first.strategy || p.fromMs !== first.fromMs || p.toMs !== first.toMs || (p.ratingGuard !== undefined) !== guarded)) throw new Error('merge: results of different runs');
  const keys = ['electricityKWh', 'costYuan', 'offValleyHeatingKWh', 'safeguardKWh', 'backupKWh', 'belowFloorKh', 'belowFloorH'] as const;
  const guardKeys = guarded ? (['blockedH', 'blockedBelowFloorH', 'blockedBelowFloorKh'] as const) : [];
  const optional = (['deliveredHeatKWh', 'belowGuaranteeKh', 'belowGuaranteeH'] as const).filter((k) => first.households[k] !== undefined);
  if (parts.some((p) => optional.some((k) => p.households[k] === undefined))) throw new Error('merge: results of different runs');
  const columns = Object.fromEntries([...keys, ...guardKeys, ...optional].map((k) => [k, concat(parts.map((p) => p.households[k] as Float64Array))])) as Omit<HouseholdOutcomes, 'ids'>;
  const households: HouseholdOutcomes = { ids: parts.flatMap((p) => p.households.ids), ...columns };
  const pl = parts.map((p) => p.planning);
  const gaps = pl.filter((x) => Number.isFinite(x.meanCertifiedGapPct));
  return {
    ...first, households, transformers: parts.flatMap((p) => p.transformers),
    planning: {
      plannedDays: first.planning.plannedDays,
      planComfortViolations: pl.reduce((s, x) => s + x.planComfortViolations, 0),
      comfortInfeasibleHouseholdDays: pl.reduce((s, x) => s + x.comfortInfeasibleHouseholdDays, 0),
      transformerTooSmallGroupDays: pl.reduce((s, x) => s + x.transformerTooSmallGroupDays, 0),
      exactFallbacks: pl.reduce((s, x) => s + x.exactFallbacks, 0),
      plannedKWh: pl.reduce((s, x) => s + x.plannedKWh, 0),
      meanCertifiedGapPct: gaps.length > 0 ? gaps.reduce((s, x) => s + x.meanCertifiedGapPct, 0) / gaps.length : Number.NaN,
      forecastMaeK: first.planning.forecastMaeK,
      ...(first.planning.identifiedHouseholdDays !== undefined ? identifiedStats(pl) : {}),
    },
    ...(guarded ? { ratingGuard: guardStats(parts) } : {}),
  };
}
