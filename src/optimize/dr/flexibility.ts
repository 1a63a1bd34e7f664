/**
 * What one household can shift for a demand-response event without breaking comfort (demand-response.md).
 * Reduce: the window's slots are priced at WINDOW_PRICE_MULTIPLE × the day's highest price, so the exact
 * household solver pre-heats before the window and buys in it only what comfort still needs.
 * Increase: the comfort floor inside the window is lifted to the ceiling and the slots outside the window
 * are priced at the multiple, so the house stores heat in its mass during the window and coasts afterwards.
 * Comfort stays a hard requirement: a plan with a comfort violation is never offered.
 */
import { COMFORT_TOLERANCE_K, type HouseholdProblem } from '../household-problem.js';
import { evaluatePlan, prepareHousehold, solveHouseholdFast, type FastSolution } from '../household-fast.js';
import { PENALTY_PRICE_MULTIPLE } from '../twin-problem.js';

/** The event's price signal relative to the day's highest price; well below the comfort penalty (100×). */
export const WINDOW_PRICE_MULTIPLE = 20;

export type DrDirection = 'reduce' | 'increase';

/** Slots [fromSlot, toSlot) of the household's day plan. */
export interface DrWindow { readonly direction: DrDirection; readonly fromSlot: number; readonly toSlot: number }

export interface HouseholdFlexibility {
  readonly id: string;
  /** Baseline minus event plan (reduce) or event plan minus baseline (increase), per slot of the window (W, ≥ 0). */
  readonly flexW: Float64Array;
  /** Shifted energy inside the window (kWh). */
  readonly windowKWh: number;
  /** Extra energy over the day (kWh): the rebound and the storage losses. */
  readonly extraDayKWh: number;
  /** Extra cost over the day at the household's tariff (yuan). */
  readonly extraCostYuan: number;
  /** The plan the household follows if it takes part fully. */
  readonly eventPlan: FastSolution;
  readonly baseline: FastSolution;
  /** Why the household offers nothing, when it does not. */
  readonly reason: string | null;
  /** The same as a code (worded in zh-CN and English by src/contract/texts/dispatch-texts.ts). */
  readonly reasonCode: FlexibilityReasonCode | null;
}

export type FlexibilityReasonCode = 'dr-comfort' | 'dr-no-load' | 'dr-no-room';
const REASONS: Readonly<Record<FlexibilityReasonCode, string>> = {
  'dr-comfort': 'comfort cannot be held while shifting load out of the window',
  'dr-no-load': 'no load to shed in the window',
  'dr-no-room': 'no room to store heat in the window (already at the ceiling or at full power)',
};

function windowIssues(p: HouseholdProblem, w: DrWindow): string | null {
  const n = p.priceYuanPerKWh.length;
  if (!Number.isInteger(w.fromSlot) || !Number.isInteger(w.toSlot) || w.fromSlot < 0 || w.toSlot > n || w.toSlot <= w.fromSlot) {
    return `event window slots [${w.fromSlot}, ${w.toSlot}) must be whole slots inside the day's ${n} slots, end after start`;
  }
  return null;
}

function eventProblem(p: HouseholdProblem, w: DrWindow): HouseholdProblem {
  const n = p.priceYuanPerKWh.length;
  const inWindow = (k: number) => k >= w.fromSlot && k < w.toSlot;
  const top = Math.max(...p.priceYuanPerKWh);
  const signal = WINDOW_PRICE_MULTIPLE * top;
  const price = Float64Array.from({ length: n }, (_, k) => {
    const signalled = w.direction === 'reduce' ? inWindow(k) : !inWindow(k);
    return signalled ? signal + (p.priceYuanPerKWh[k] as number) : (p.priceYuanPerKWh[k] as number);
  });
  const minTempC = w.direction === 'increase'
    ? Float64Array.from({ length: n }, (_, k) => (inWindow(k) ? Math.max(p.minTempC[k] as number, p.maxTempC[k] as number) : (p.minTempC[k] as number)))
    : p.minTempC;
  return { ...p, priceYuanPerKWh: price, minTempC, penaltyPriceYuanPerKWh: PENALTY_PRICE_MULTIPLE * Math.max(...price) };
}

/** The household's flexibility for one window; `baseline` is its committed plan for the day (same problem). */
export function householdFlexibility(p: HouseholdProblem, baselinePowerW: Float64Array, w: DrWindow): HouseholdFlexibility {
  const bad = windowIssues(p, w);
  if (bad) throw new Error(`${p.id}: ${bad}`);
  const real = prepareHousehold(p);
  const baseline = evaluatePlan(real, baselinePowerW);
  const solved = solveHouseholdFast(prepareHousehold(eventProblem(p, w)));
  // Judge comfort against the household's own floor (an 'increase' floor is the signal, not a requirement).
  const eventPlan = evaluatePlan(real, solved.powerW, undefined, solved.backupW);
  const len = w.toSlot - w.fromSlot;
  const flexW = new Float64Array(len);
  let reasonCode: FlexibilityReasonCode | null = null;
  if (eventPlan.comfortViolations > 0 && eventPlan.comfortDeficitKh > baseline.comfortDeficitKh + COMFORT_TOLERANCE_K) {
    reasonCode = 'dr-comfort';
  } else {
    for (let i = 0; i < len; i++) {
      const k = w.fromSlot + i;
      const diff = w.direction === 'reduce' ? (baselinePowerW[k] as number) - (eventPlan.powerW[k] as number) : (eventPlan.powerW[k] as number) - (baselinePowerW[k] as number);
      flexW[i] = Math.max(0, diff);
    }
  }
  const slotH = p.slotS / 3600;
  const windowKWh = (flexW.reduce((s, v) => s + v, 0) * slotH) / 1000;
  if (reasonCode === null && windowKWh <= 1e-6) reasonCode = w.direction === 'reduce' ? 'dr-no-load' : 'dr-no-room';
  const reason = reasonCode === null ? null : REASONS[reasonCode];
  return {
    id: p.id, flexW, windowKWh,
    extraDayKWh: reason ? 0 : eventPlan.energyKWh - baseline.energyKWh,
    extraCostYuan: reason ? 0 : eventPlan.costYuan - baseline.costYuan,
    eventPlan, baseline, reason, reasonCode,
  };
}
