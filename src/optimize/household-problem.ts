/**
 * The day-ahead problem of one household as plain data (structured-cloneable, so it crosses a
 * worker_threads boundary as is). Arrays have one entry per slot; temperatures bound the room at the
 * END of each slot. The building is a 1R1C model (heat loss H, capacity C); see household-lp.md.
 */
export interface HouseholdProblem {
  readonly id: string;
  /** Slot length (s); 900 for the 96-slot day. */
  readonly slotS: number;
  /** What the household pays per kWh in each slot. */
  readonly priceYuanPerKWh: Float64Array;
  /** Heating COP in each slot (outdoor forecast + required supply temperature, held constant in the slot). */
  readonly cop: Float64Array;
  /** Largest electric input of the unit in each slot (W): capacity at the slot's conditions / COP. */
  readonly maxPowerW: Float64Array;
  readonly outdoorC: Float64Array;
  /** Free heat gains (internal + solar) in each slot (W). */
  readonly gainsW: Float64Array;
  readonly minTempC: Float64Array;
  readonly maxTempC: Float64Array;
  readonly initialTempC: number;
  readonly heatLossWK: number;
  readonly capacityJK: number;
  /**
   * Comfort slack is priced as if the missing heat were bought at this price in the dearest slot of the
   * day (100 × the highest tariff price by default), so any feasible heating beats a comfort deficit.
   */
  readonly penaltyPriceYuanPerKWh: number;
  /**
   * Backup heater (electric resistance, COP 1): largest electric input in each slot (W), 0 where it may
   * not run. Absent = no backup heater. Its power is part of the household's electric load.
   */
  readonly backupMaxW?: Float64Array;
}

/** Problems that make a household problem unusable (wrong lengths, impossible numbers); empty when fine. */
export function householdProblemIssues(p: HouseholdProblem): string[] {
  const n = p.priceYuanPerKWh.length;
  const issues: string[] = [];
  const arrays = { cop: p.cop, maxPowerW: p.maxPowerW, outdoorC: p.outdoorC, gainsW: p.gainsW, minTempC: p.minTempC, maxTempC: p.maxTempC, ...(p.backupMaxW ? { backupMaxW: p.backupMaxW } : {}) } as const;
  for (const [name, a] of Object.entries(arrays)) if (a.length !== n) issues.push(`${p.id}: ${name} has ${a.length} slots, prices have ${n}`);
  if (!(p.slotS > 0)) issues.push(`${p.id}: slotS ${p.slotS} must be positive`);
  if (!(p.heatLossWK > 0) || !(p.capacityJK > 0)) issues.push(`${p.id}: heatLossWK and capacityJK must be positive`);
  for (let k = 0; k < n && issues.length < 5; k++) {
    if (!((p.cop[k] as number) >= 1)) issues.push(`${p.id}: cop[${k}] = ${p.cop[k]} is below 1`);
    if (!((p.maxPowerW[k] as number) >= 0)) issues.push(`${p.id}: maxPowerW[${k}] = ${p.maxPowerW[k]} is negative`);
    if (p.backupMaxW && !((p.backupMaxW[k] as number) >= 0)) issues.push(`${p.id}: backupMaxW[${k}] = ${p.backupMaxW[k]} is negative`);
    if (!((p.minTempC[k] as number) <= (p.maxTempC[k] as number))) issues.push(`${p.id}: minTempC[${k}] ${p.minTempC[k]} exceeds maxTempC ${p.maxTempC[k]}`);
  }
  return issues;
}

/** A household's plan: electric power per slot and the room temperature it leads to. */
export interface HouseholdPlan {
  readonly id: string;
  /** Total electric power per slot (W): heat pump plus backup heater. */
  readonly powerW: Float64Array;
  /** The backup heater's part of powerW (W; its heat equals its power); absent when it never runs. */
  readonly backupW?: Float64Array;
  /** Room temperature at the end of each slot under the plan. */
  readonly tempC: Float64Array;
  readonly energyKWh: number;
  readonly costYuan: number;
  /** Comfort deficit below minTempC summed over slot ends, in kelvin-hours (0 when comfort holds). */
  readonly comfortDeficitKh: number;
  /** Slots whose end temperature is below minTempC by more than the tolerance. */
  readonly comfortViolations: number;
}

/** Temperatures within this of the bound count as meeting it (solver tolerances). */
export const COMFORT_TOLERANCE_K = 1e-3;
