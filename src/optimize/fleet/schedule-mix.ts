/**
 * Convex combinations and scalings of household schedules that keep the backup heater's part with the
 * total: a mix of feasible schedules of one household is feasible for it (its constraints are linear in
 * heat-pump and backup power), and the backup part must be mixed alongside for the heat to be right.
 */
import type { HouseholdPlan } from '../household-problem.js';

export type Schedule = Pick<HouseholdPlan, 'powerW' | 'backupW'>;

export class ScheduleMix {
  readonly powerW: Float64Array;
  private backup: Float64Array | null = null;
  constructor(private readonly n: number) { this.powerW = new Float64Array(n); }
  add(weight: number, s: Schedule): void {
    for (let k = 0; k < this.n; k++) this.powerW[k] = (this.powerW[k] as number) + weight * (s.powerW[k] as number);
    if (!s.backupW) return;
    const b = (this.backup ??= new Float64Array(this.n));
    for (let k = 0; k < this.n; k++) b[k] = (b[k] as number) + weight * (s.backupW[k] as number);
  }
  /** Multiplies slot k (total and backup part) by `factor`. */
  scaleSlot(k: number, factor: number): void {
    this.powerW[k] = (this.powerW[k] as number) * factor;
    if (this.backup) this.backup[k] = (this.backup[k] as number) * factor;
  }
  schedule(): Schedule { return this.backup ? { powerW: this.powerW, backupW: this.backup } : { powerW: this.powerW }; }
}

/** Scales slots of a set of mixes down where their total exceeds the capacity (solver round-off, never more). */
export function clipToCapacity(mixes: readonly ScheduleMix[], capacityW: Float64Array): void {
  for (let k = 0; k < capacityW.length; k++) {
    let load = 0;
    for (const m of mixes) load += m.powerW[k] as number;
    if (load > (capacityW[k] as number)) for (const m of mixes) m.scaleSlot(k, (capacityW[k] as number) / load);
  }
}
