/** Hand-built telemetry for the KPI tests: one reading per minute from a function of the minute index. */
import type { ChannelValues, Reading } from '../../domain/telemetry-channels.js';
import type { UnitFacts } from './types.js';

export const T0_MS = Date.parse('2019-01-10T00:00:00+08:00');
export const MIN_MS = 60_000;
export const UNIT: UnitFacts = { unitId: 'u1', nominalCapacityKw: 8, type: 'air-to-water', emitter: 'radiator' };

/** Readings at T0 + k minutes for k in [0, minutes) where `f` returns values (null = no reading). */
export function minutes(count: number, f: (k: number) => ChannelValues | null, unitId = UNIT.unitId): Reading[] {
  const out: Reading[] = [];
  for (let k = 0; k < count; k++) {
    const values = f(k);
    if (values) out.push({ unitId, tsMs: T0_MS + k * MIN_MS, values });
  }
  return out;
}

export const period = (mins: number) => ({ fromMs: T0_MS, toMs: T0_MS + mins * MIN_MS });
/** W sustained for `mins` minutes, in kWh. */
export const kwh = (w: number, mins: number) => (w * mins) / 60_000;

/** true when some number anywhere in `x` is NaN or infinite. */
export function hasNonFinite(x: unknown): boolean {
  if (typeof x === 'number') return !Number.isFinite(x);
  if (Array.isArray(x)) return x.some(hasNonFinite);
  if (x && typeof x === 'object') return Object.values(x).some(hasNonFinite);
  return false;
}
