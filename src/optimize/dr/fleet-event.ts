/**
 * A demand-response event over a fleet (demand-response.md): the firm offer the fleet can make without breaking
 * comfort, the commitment that meets a requested power at least cost (merit order, convex blend of each
 * household's baseline and event plans), and the delivered flexibility measured against the baseline.
 */
import type { DrDirection, HouseholdFlexibility } from './flexibility.js';

export interface DrOffer {
  readonly direction: DrDirection;
  readonly fromSlot: number;
  readonly toSlot: number;
  /** Fleet flexibility in each window slot (W). */
  readonly perSlotW: Float64Array;
  /** What the fleet can promise for the whole window: the smallest slot (W). */
  readonly firmW: number;
  readonly windowKWh: number;
  readonly extraCostYuan: number;
  readonly participating: number;
  /** Households that offer nothing, with the reason. */
  readonly excluded: readonly { readonly id: string; readonly reason: string }[];
}

export function fleetOffer(flex: readonly HouseholdFlexibility[], w: { direction: DrDirection; fromSlot: number; toSlot: number }): DrOffer {
  const len = w.toSlot - w.fromSlot;
  const perSlotW = new Float64Array(len);
  let windowKWh = 0, extraCostYuan = 0, participating = 0;
  const excluded: { id: string; reason: string }[] = [];
  for (const f of flex) {
    if (f.flexW.length !== len) throw new Error(`${f.id}: flexibility covers ${f.flexW.length} slots, the event ${len}`);
    if (f.reason) { excluded.push({ id: f.id, reason: f.reason }); continue; }
    participating++;
    windowKWh += f.windowKWh;
    extraCostYuan += f.extraCostYuan;
    for (let i = 0; i < len; i++) perSlotW[i] = (perSlotW[i] as number) + (f.flexW[i] as number);
  }
  return { ...w, perSlotW, firmW: len > 0 ? Math.min(...perSlotW) : 0, windowKWh, extraCostYuan, participating, excluded };
}

export interface DrParticipation { readonly id: string; /** 0 … 1: share of the household's event plan taken. */ readonly share: number; readonly powerW: Float64Array }

export interface DrCommitment {
  readonly requestedW: number;
  /** The power the fleet commits to in every window slot: min(requested, firm offer), less where a transformer limit binds. */
  readonly committedW: number;
  /** requested − committed when the fleet cannot offer all, or transformer limits stop it (W). */
  readonly shortfallW: number;
  /** Expected flexibility per window slot under the commitment (W, ≥ committedW). */
  readonly expectedW: Float64Array;
  readonly extraCostYuan: number;
  readonly participation: readonly DrParticipation[];
  /** Highest fleet power over the day before and after the commitment (W): the rebound. */
  readonly peakBeforeW: number;
  readonly peakAfterW: number;
}

/**
 * Least-cost commitment: households in order of extra cost per kWh shifted, each taken fully until every window
 * slot reaches the requested power, the last one in part. A blend b + s·(e − b) of two plans that both hold
 * comfort also holds it (room temperature is affine in power and comfort bounds are linear).
 */
/** Transformer limits the commitment must respect: each household's group and each group's capacity per day slot (W). */
export interface DrGroupLimits {
  readonly groupOf: ReadonlyMap<string, string>;
  readonly capacityW: ReadonlyMap<string, Float64Array>;
}

/** Largest share s ≤ cap for which load + s·(event − baseline) stays within the group's capacity in every slot. */
function shareWithinLimit(f: HouseholdFlexibility, loadW: Float64Array, capW: Float64Array, cap: number): number {
  let s = cap;
  for (let k = 0; k < loadW.length; k++) {
    const rise = (f.eventPlan.powerW[k] as number) - (f.baseline.powerW[k] as number);
    if (rise <= 1e-9) continue;
    const room = (capW[k] as number) - (loadW[k] as number);
    s = Math.min(s, Math.max(0, room / rise));
  }
  return s;
}

/** Merit order: cheapest flexibility per kWh first, each household fully until every slot reaches the target. */
function meritOrderShares(flex: readonly HouseholdFlexibility[], len: number, target: number, limits?: DrGroupLimits): Map<string, number> {
  const order = flex.filter((f) => f.reason === null).sort((a, b) => a.extraCostYuan / a.windowKWh - b.extraCostYuan / b.windowKWh);
  const expectedW = new Float64Array(len);
  const shares = new Map<string, number>();
  // Group loads under the baseline; a household's share may not push its transformer over its rating (the rebound).
  const groupLoadW = new Map<string, Float64Array>();
  if (limits) {
    for (const f of flex) {
      const g = limits.groupOf.get(f.id);
      if (g === undefined) continue;
      const load = groupLoadW.get(g) ?? new Float64Array(f.baseline.powerW.length);
      for (let k = 0; k < load.length; k++) load[k] = (load[k] as number) + (f.baseline.powerW[k] as number);
      groupLoadW.set(g, load);
    }
  }
  for (const f of order) {
    const need = Math.max(...Array.from(expectedW, (v) => target - v));
    if (need <= 1e-9) break;
    // Smallest share that lifts every slot this household can help to the target (capped at 1).
    let share = 0;
    for (let i = 0; i < len; i++) {
      const gap = target - (expectedW[i] as number);
      if (gap > 0 && (f.flexW[i] as number) > 0) share = Math.max(share, gap / (f.flexW[i] as number));
    }
    share = Math.min(1, share);
    const g = limits?.groupOf.get(f.id);
    const load = g === undefined ? undefined : groupLoadW.get(g);
    const capW = g === undefined ? undefined : limits?.capacityW.get(g);
    if (load && capW) {
      share = shareWithinLimit(f, load, capW, share);
      for (let k = 0; k < load.length; k++) load[k] = (load[k] as number) + share * ((f.eventPlan.powerW[k] as number) - (f.baseline.powerW[k] as number));
    }
    if (share <= 1e-9) continue;
    shares.set(f.id, share);
    for (let i = 0; i < len; i++) expectedW[i] = (expectedW[i] as number) + share * (f.flexW[i] as number);
  }
  return shares;
}

/** The same share s for every offering household: the largest s ≤ target/firm that keeps every transformer within its rating. */
function uniformShares(flex: readonly HouseholdFlexibility[], offer: DrOffer, target: number, limits: DrGroupLimits): Map<string, number> {
  let s = offer.firmW > 0 ? Math.min(1, target / offer.firmW) : 0;
  const load = new Map<string, Float64Array>(), rise = new Map<string, Float64Array>();
  for (const f of flex) {
    const g = limits.groupOf.get(f.id);
    if (g === undefined) continue;
    const n = f.baseline.powerW.length;
    const l = load.get(g) ?? new Float64Array(n), r = rise.get(g) ?? new Float64Array(n);
    for (let k = 0; k < n; k++) {
      l[k] = (l[k] as number) + (f.baseline.powerW[k] as number);
      if (f.reason === null) r[k] = (r[k] as number) + (f.eventPlan.powerW[k] as number) - (f.baseline.powerW[k] as number);
    }
    load.set(g, l); rise.set(g, r);
  }
  for (const [g, r] of rise) {
    const l = load.get(g) as Float64Array, cap = limits.capacityW.get(g);
    if (!cap) continue;
    for (let k = 0; k < r.length; k++) if ((r[k] as number) > 1e-9) s = Math.min(s, Math.max(0, ((cap[k] as number) - (l[k] as number)) / (r[k] as number)));
  }
  return new Map(flex.filter((f) => f.reason === null && s > 1e-9).map((f) => [f.id, s]));
}

function expectedOf(flex: readonly HouseholdFlexibility[], shares: ReadonlyMap<string, number>, len: number): Float64Array {
  const e = new Float64Array(len);
  for (const f of flex) {
    const s = shares.get(f.id) ?? 0;
    for (let i = 0; i < len; i++) e[i] = (e[i] as number) + s * (f.flexW[i] as number);
  }
  return e;
}

/**
 * Least-cost commitment of `requestedW` in every window slot. Merit order first; under transformer limits
 * the rebounds of the cheapest households can crowd each other out, so a uniform share for every household is
 * also tried and the one committing more power is kept (the cheaper on a tie).
 */
export function commitEvent(flex: readonly HouseholdFlexibility[], offer: DrOffer, requestedW: number, limits?: DrGroupLimits): DrCommitment {
  if (!(requestedW > 0) || !Number.isFinite(requestedW)) throw new Error(`requested power ${requestedW} W must be a positive number`);
  const len = offer.toSlot - offer.fromSlot;
  const target = Math.min(requestedW, offer.firmW);
  const candidates = [meritOrderShares(flex, len, target, limits), ...(limits ? [uniformShares(flex, offer, target, limits)] : [])].map((shares) => {
    const expectedW = expectedOf(flex, shares, len);
    const cost = flex.reduce((c, f) => c + (shares.get(f.id) ?? 0) * f.extraCostYuan, 0);
    return { shares, expectedW, committedW: Math.min(target, ...Array.from(expectedW)), cost };
  });
  const best = candidates.reduce((a, b) => (b.committedW > a.committedW + 1e-6 || (Math.abs(b.committedW - a.committedW) <= 1e-6 && b.cost < a.cost) ? b : a));
  const { shares, expectedW, committedW } = best;
  const participation: DrParticipation[] = [];
  let extraCostYuan = 0;
  const n = flex[0]?.baseline.powerW.length ?? 0;
  const before = new Float64Array(n), after = new Float64Array(n);
  for (const f of flex) {
    const s = shares.get(f.id) ?? 0;
    const powerW = Float64Array.from(f.baseline.powerW, (b, k) => b + s * ((f.eventPlan.powerW[k] as number) - b));
    for (let k = 0; k < n; k++) { before[k] = (before[k] as number) + (f.baseline.powerW[k] as number); after[k] = (after[k] as number) + (powerW[k] as number); }
    if (s > 0) { participation.push({ id: f.id, share: s, powerW }); extraCostYuan += s * f.extraCostYuan; }
  }
  return {
    requestedW, committedW, shortfallW: Math.max(0, requestedW - committedW), expectedW, extraCostYuan, participation,
    peakBeforeW: n > 0 ? Math.max(...before) : 0, peakAfterW: n > 0 ? Math.max(...after) : 0,
  };
}

export interface DeliveredFlexibility {
  /** Per window slot: baseline − measured (reduce) or measured − baseline (increase), W. */
  readonly deliveredW: Float64Array;
  readonly deliveredKWh: number;
  readonly meanDeliveredW: number;
  /** Mean delivered as % of the committed power. */
  readonly pctOfCommitted: number | null;
  /** Window slots delivering less than the committed power. */
  readonly slotsShort: number;
  /** Window slots without a measurement (not counted as delivered). */
  readonly slotsUnmeasured: number;
}

/** Delivered flexibility of an event: fleet baseline vs measured fleet power per window slot (null = no data). */
export function deliveredFlexibility(direction: DrDirection, committedW: number, baselineW: ArrayLike<number>, measuredW: ArrayLike<number | null>, slotS: number): DeliveredFlexibility {
  if (baselineW.length !== measuredW.length) throw new Error(`baseline has ${baselineW.length} slots, measurements ${measuredW.length}`);
  const len = baselineW.length;
  const deliveredW = new Float64Array(len);
  let sum = 0, short = 0, unmeasured = 0;
  for (let i = 0; i < len; i++) {
    const m = measuredW[i];
    if (m === null || m === undefined || !Number.isFinite(m)) { unmeasured++; short++; continue; }
    const d = direction === 'reduce' ? (baselineW[i] as number) - m : m - (baselineW[i] as number);
    deliveredW[i] = d;
    sum += d;
    if (d < committedW - 1e-6) short++;
  }
  const mean = len > 0 ? sum / len : 0;
  return { deliveredW, deliveredKWh: (sum * slotS) / 3.6e6, meanDeliveredW: mean, pctOfCommitted: committedW > 0 ? (100 * mean) / committedW : null, slotsShort: short, slotsUnmeasured: unmeasured };
}
