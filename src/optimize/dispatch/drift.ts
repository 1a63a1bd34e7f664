/**
 * Drift between a dispatched plan and what the households did, and the decision to replan the rest of the
 * day (rolling horizon). Pure: slots of planned and measured power and room temperature in, a verdict out.
 * Equations, thresholds and their status: drift.md.
 */

/** Thresholds of the replanning decision (drift.md explains each; engineering choices, not sourced values). */
export interface DriftThresholds {
  /** Slots looked back over (4 × 15 min = the last hour). */
  readonly windowSlots: number;
  /** A household drifts in energy when |ΔE| over the window exceeds both of these. */
  readonly householdEnergyKWh: number;
  readonly householdEnergyFraction: number;
  /** …or when its room is this much colder than planned (mean over the window's slots with data). */
  readonly householdColderK: number;
  /** A transformer drifts when |ΔE| of its households over the window exceeds both of these. */
  readonly transformerEnergyKWh: number;
  readonly transformerEnergyFraction: number;
  /** A household with no measurement in this many latest slots counts as offline. */
  readonly offlineSlots: number;
  /** Least platform time between two replans of one transformer, unless it is overloaded. */
  readonly minReplanIntervalMs: number;
  /**
   * Complete slots under this plan revision needed before energy or temperature drift may trigger a replan
   * (4 = a full window: one slot's mean says little about a cycling unit). Offline and overload do not wait.
   */
  readonly minEvidenceSlots: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  windowSlots: 4,
  householdEnergyKWh: 0.5,
  householdEnergyFraction: 0.3,
  householdColderK: 1.0,
  transformerEnergyKWh: 2,
  transformerEnergyFraction: 0.15,
  offlineSlots: 2,
  minReplanIntervalMs: 3_600_000,
  minEvidenceSlots: 4,
};

export interface HouseholdTrack {
  readonly id: string;
  /** Planned electric power per slot (W) and room temperature at the end of each slot (°C). */
  readonly plannedPowerW: ArrayLike<number>;
  readonly plannedTempC: ArrayLike<number>;
  /** Measured mean power and mean room temperature per slot; null where nothing was measured. */
  readonly measuredPowerW: ArrayLike<number | null>;
  readonly measuredTempC: ArrayLike<number | null>;
}

export interface HouseholdDrift {
  readonly id: string;
  /** Measured minus planned energy over the window (kWh), slots with data only. */
  readonly energyDeltaKWh: number;
  readonly plannedEnergyKWh: number;
  /** Planned minus measured room temperature, mean over the window (K); positive = colder than planned. */
  readonly colderK: number | null;
  readonly offline: boolean;
  readonly reasons: readonly string[];
  /** The same reasons as findings with their numbers (for texts in other languages), same order. */
  readonly findings: readonly DriftFinding[];
}

/** One reason to replan, as data: `reasons` words each in English. */
export type DriftFinding =
  | { readonly code: 'overload'; readonly slots: readonly number[] }
  | { readonly code: 'transformer-energy'; readonly deltaKWh: number; readonly plannedKWh: number }
  | { readonly code: 'household-offline'; readonly id: string; readonly slots: number }
  | { readonly code: 'household-energy'; readonly id: string; readonly deltaKWh: number; readonly slots: number }
  | { readonly code: 'household-colder'; readonly id: string; readonly colderK: number };

export interface DriftReport {
  /** Slots [fromSlot, nowSlot) were compared: the window, cut at the first complete slot of this plan revision. */
  readonly fromSlot: number;
  readonly nowSlot: number;
  /** False while fewer than `minEvidenceSlots` complete slots ran under this revision (energy and temperature drift wait). */
  readonly enoughEvidence: boolean;
  readonly households: readonly HouseholdDrift[];
  readonly transformerEnergyDeltaKWh: number;
  readonly transformerPlannedEnergyKWh: number;
  /** Window slots whose measured load exceeded the heating capacity. */
  readonly overloadSlots: readonly number[];
  readonly replan: boolean;
  /** Why (empty when no replan is needed). */
  readonly reasons: readonly string[];
  readonly findings: readonly DriftFinding[];
}

const f1 = (x: number) => x.toFixed(1);

/**
 * Compares the window of slots before `nowSlot` (the slot in progress is not complete: left out).
 * `lastReplanMs`/`nowMs` apply the minimum interval between replans.
 */
export function detectDrift(input: {
  readonly households: readonly HouseholdTrack[];
  readonly capacityW: ArrayLike<number>;
  readonly slotS: number;
  readonly nowSlot: number;
  readonly nowMs: number;
  readonly lastReplanMs: number | null;
  /**
   * First slot that ran wholly under this plan revision (the slot after the one it was made in, or 0 for a plan
   * made before the day): slots before it show what the previous plan or the unit's own control did.
   */
  readonly effectiveFromSlot?: number;
  readonly thresholds?: Partial<DriftThresholds>;
}): DriftReport {
  const t = { ...DEFAULT_DRIFT_THRESHOLDS, ...input.thresholds };
  const slotH = input.slotS / 3600;
  const nowSlot = Math.max(0, Math.min(input.nowSlot, input.capacityW.length));
  const fromSlot = Math.min(nowSlot, Math.max(0, nowSlot - t.windowSlots, input.effectiveFromSlot ?? 0));
  const enoughEvidence = nowSlot - fromSlot >= Math.min(t.minEvidenceSlots, t.windowSlots);
  const households: HouseholdDrift[] = [];
  let txDelta = 0;
  let txPlanned = 0;
  const measuredLoad = new Float64Array(nowSlot - fromSlot);
  const anyMeasured = new Uint8Array(nowSlot - fromSlot);
  for (const h of input.households) {
    let delta = 0, planned = 0, colderSum = 0, colderN = 0;
    for (let k = fromSlot; k < nowSlot; k++) {
      const p = h.measuredPowerW[k] ?? null;
      if (p !== null) {
        delta += (p - (h.plannedPowerW[k] as number)) * slotH / 1000;
        planned += ((h.plannedPowerW[k] as number) * slotH) / 1000;
        measuredLoad[k - fromSlot] = (measuredLoad[k - fromSlot] as number) + p;
        anyMeasured[k - fromSlot] = 1;
      }
      const tc = h.measuredTempC[k] ?? null;
      if (tc !== null) {
        colderSum += (h.plannedTempC[k] as number) - tc;
        colderN++;
      }
    }
    let recent = 0;
    for (let k = Math.max(0, nowSlot - t.offlineSlots); k < nowSlot; k++) if ((h.measuredPowerW[k] ?? null) !== null || (h.measuredTempC[k] ?? null) !== null) recent++;
    const offline = nowSlot >= t.offlineSlots && recent === 0;
    const colderK = colderN > 0 ? colderSum / colderN : null;
    const reasons: string[] = [];
    const findings: DriftFinding[] = [];
    if (offline) {
      reasons.push(`${h.id}: no measurement in the last ${t.offlineSlots} slots (offline)`);
      findings.push({ code: 'household-offline', id: h.id, slots: t.offlineSlots });
    }
    if (enoughEvidence && Math.abs(delta) > t.householdEnergyKWh && Math.abs(delta) > t.householdEnergyFraction * planned) {
      reasons.push(`${h.id}: used ${f1(Math.abs(delta))} kWh ${delta > 0 ? 'more' : 'less'} than planned over the last ${nowSlot - fromSlot} slots`);
      findings.push({ code: 'household-energy', id: h.id, deltaKWh: delta, slots: nowSlot - fromSlot });
    }
    if (enoughEvidence && colderK !== null && colderK > t.householdColderK) {
      reasons.push(`${h.id}: room ${f1(colderK)} K colder than planned`);
      findings.push({ code: 'household-colder', id: h.id, colderK });
    }
    households.push({ id: h.id, energyDeltaKWh: delta, plannedEnergyKWh: planned, colderK, offline, reasons, findings });
    txDelta += delta;
    txPlanned += planned;
  }
  const overloadSlots: number[] = [];
  for (let k = fromSlot; k < nowSlot; k++) if (anyMeasured[k - fromSlot] === 1 && (measuredLoad[k - fromSlot] as number) > (input.capacityW[k] as number) * (1 + 1e-6)) overloadSlots.push(k);

  const reasons: string[] = [];
  const findings: DriftFinding[] = [];
  if (overloadSlots.length > 0) {
    reasons.push(`measured load above the transformer's heating capacity in slot(s) ${overloadSlots.join(', ')}`);
    findings.push({ code: 'overload', slots: overloadSlots });
  }
  if (enoughEvidence && Math.abs(txDelta) > t.transformerEnergyKWh && Math.abs(txDelta) > t.transformerEnergyFraction * txPlanned) {
    reasons.push(`households behind the transformer used ${f1(Math.abs(txDelta))} kWh ${txDelta > 0 ? 'more' : 'less'} than planned (${f1(txPlanned)} kWh planned)`);
    findings.push({ code: 'transformer-energy', deltaKWh: txDelta, plannedKWh: txPlanned });
  }
  for (const h of households) {
    reasons.push(...h.reasons);
    findings.push(...h.findings);
  }
  const tooSoon = input.lastReplanMs !== null && input.nowMs - input.lastReplanMs < t.minReplanIntervalMs && overloadSlots.length === 0;
  const replan = reasons.length > 0 && !tooSoon && nowSlot < input.capacityW.length;
  return { fromSlot, nowSlot, enoughEvidence, households, transformerEnergyDeltaKWh: txDelta, transformerPlannedEnergyKWh: txPlanned, overloadSlots, replan, reasons: replan ? reasons : [], findings: replan ? findings : [] };
}
