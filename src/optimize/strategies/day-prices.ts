/**
 * One local day's prices for the closed loop: with and without the valley subsidy (a household is on the
 * subsidised prices while it has cap left, as the planner assumes), and the tariff's cheapest slots.
 */
import { dayPrices, type Tariff } from '../tariff/index.js';

export interface DayPriceSet {
  readonly subsidised: Float64Array;
  readonly full: Float64Array;
  /** Slots in the day's cheapest window (at the unsubsidised prices). */
  readonly valley: Uint8Array;
}

export function dayPriceSet(tariff: Tariff, dayStartMs: number, slotMinutes: number): DayPriceSet {
  const sub = dayPrices(tariff, dayStartMs, { slotMinutes });
  const full = dayPrices(tariff, dayStartMs, { slotMinutes, subsidyRemainingKWh: 0 }).priceYuanPerKWh;
  const min = Math.min(...full);
  const valley = Uint8Array.from(full, (p) => (p <= min + 1e-9 ? 1 : 0));
  return { subsidised: sub.priceYuanPerKWh, full, valley };
}
