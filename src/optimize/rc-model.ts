/**
 * Exact zero-order-hold discretisation of the 1R1C room model C dT/dt = Q + G − H (T − T_out):
 * T_{k+1} = a T_k + b Q_k + e_k with a = exp(−H Δt / C), b = (1 − a)/H, e_k = (1 − a)(T_out,k + G_k/H)
 * (heat Q and disturbances constant within a slot). The free response and the scaled comfort bounds
 * below are shared by the HiGHS LP and the specialised solver, so both solve the same model.
 */
import { householdProblemIssues, type HouseholdProblem } from './household-problem.js';

export interface Discretised {
  readonly n: number;
  readonly a: number;
  /** K per W of heat held for one slot. */
  readonly bKPerW: number;
  readonly e: Float64Array;
  /** Room temperature at the end of each slot with no heating. */
  readonly freeC: Float64Array;
  /** Upper bound actually enforced: maxTempC, or the free response where the room is warmer without heating (no cooling). */
  readonly maxEffC: Float64Array;
  readonly slotH: number;
  /** Comfort penalty (yuan per K of deficit at the end of slot c). */
  readonly penaltyYuanPerK: Float64Array;
}

export function discretise(p: HouseholdProblem): Discretised {
  const issues = householdProblemIssues(p);
  if (issues.length > 0) throw new Error(`invalid household problem: ${issues.join('; ')}`);
  const n = p.priceYuanPerKWh.length;
  const H = p.heatLossWK;
  const a = Math.exp((-H * p.slotS) / p.capacityJK);
  const b = (1 - a) / H;
  const e = new Float64Array(n);
  const freeC = new Float64Array(n);
  const maxEffC = new Float64Array(n);
  let t = p.initialTempC;
  for (let k = 0; k < n; k++) {
    e[k] = (1 - a) * ((p.outdoorC[k] as number) + (p.gainsW[k] as number) / H);
    t = a * t + (e[k] as number);
    freeC[k] = t;
    maxEffC[k] = Math.max(p.maxTempC[k] as number, t);
  }
  const slotH = p.slotS / 3600;
  // The dearest way to lift the end-of-slot-c temperature by 1 K with heat from slot j ≤ c costs
  // price·slotH/(1000·COP_j·b·a^(c−j)) yuan; the penalty prices that at penaltyPrice in the worst slot j.
  const penaltyYuanPerK = new Float64Array(n);
  let maxInvCopDecay = 0;
  for (let c = 0; c < n; c++) {
    // max over j ≤ c of 1/(COP_j a^(c−j)) = max(previous / a, 1/COP_c); a backup heater that may run
    // in slot c is a source with COP 1, the dearest heat there.
    const dearestCop = p.backupMaxW && (p.backupMaxW[c] as number) > 0 ? 1 : (p.cop[c] as number);
    maxInvCopDecay = Math.max(maxInvCopDecay / a, 1 / dearestCop);
    penaltyYuanPerK[c] = (p.penaltyPriceYuanPerKWh * slotH * maxInvCopDecay) / (1000 * b);
  }
  return { n, a, bKPerW: b, e, freeC, maxEffC, slotH, penaltyYuanPerK };
}

/**
 * Room temperature at the end of each slot for total electric power `powerW`, of which `backupW` (if
 * given) runs the backup heater (heat = power) and the rest the heat pump (heat = COP · power).
 */
export function simulateTempC(p: HouseholdProblem, d: Discretised, powerW: ArrayLike<number>, backupW?: ArrayLike<number>): Float64Array {
  const out = new Float64Array(d.n);
  let t = p.initialTempC;
  for (let k = 0; k < d.n; k++) {
    const bu = backupW ? (backupW[k] as number) : 0;
    t = d.a * t + d.bKPerW * ((p.cop[k] as number) * ((powerW[k] as number) - bu) + bu) + (d.e[k] as number);
    out[k] = t;
  }
  return out;
}
