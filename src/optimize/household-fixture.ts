/**
 * Synthetic household problems for tests, docs and checks: a 120 m² house with hand-checkable numbers
 * (H = 250 W/K, C = 50 MJ/K, τ = 55.6 h) and constant conditions unless overridden.
 */
import type { HouseholdProblem } from './household-problem.js';
import { mulberry32, type Rng } from '../sim/index.js';

export interface SyntheticOptions {
  readonly id?: string;
  readonly slots?: number;
  readonly slotS?: number;
  readonly priceYuanPerKWh?: number | ((slot: number) => number);
  readonly cop?: number | ((slot: number) => number);
  readonly maxPowerW?: number;
  readonly outdoorC?: number;
  readonly gainsW?: number;
  readonly minTempC?: number | ((slot: number) => number);
  readonly maxTempC?: number;
  readonly initialTempC?: number;
  readonly heatLossWK?: number;
  readonly capacityJK?: number;
  /** Backup heater electric limit (W) in every slot; absent = none. */
  readonly backupMaxW?: number;
}

const fill = (n: number, v: number | ((k: number) => number)) => Float64Array.from({ length: n }, (_, k) => (typeof v === 'number' ? v : v(k)));

export function syntheticHousehold(o: SyntheticOptions = {}): HouseholdProblem {
  const n = o.slots ?? 96;
  const price = fill(n, o.priceYuanPerKWh ?? 0.5);
  return {
    id: o.id ?? 'h1',
    slotS: o.slotS ?? 900,
    priceYuanPerKWh: price,
    cop: fill(n, o.cop ?? 3),
    maxPowerW: fill(n, o.maxPowerW ?? 4000),
    outdoorC: fill(n, o.outdoorC ?? 0),
    gainsW: fill(n, o.gainsW ?? 0),
    minTempC: fill(n, o.minTempC ?? 18),
    maxTempC: fill(n, o.maxTempC ?? 22),
    initialTempC: o.initialTempC ?? 18,
    heatLossWK: o.heatLossWK ?? 250,
    capacityJK: o.capacityJK ?? 50e6,
    penaltyPriceYuanPerKWh: 100 * Math.max(...price),
    ...(o.backupMaxW !== undefined ? { backupMaxW: fill(n, o.backupMaxW) } : {}),
  };
}

/** A random but physically plausible household (for solver cross-checks). */
export function randomHousehold(rng: Rng, id: string, slots = 96, withBackup = false): HouseholdProblem {
  const r = (lo: number, hi: number) => lo + (hi - lo) * rng.next();
  const valleyFrom = Math.floor(r(0, slots));
  const cheap = r(0.05, 0.3);
  const dear = r(0.4, 0.8);
  const base = r(-12, 5);
  const night = r(15, 18);
  return syntheticHousehold({
    id, slots,
    priceYuanPerKWh: (k) => ((k - valleyFrom + slots) % slots < slots / 2 ? cheap : dear),
    cop: (k) => 2.2 + 0.08 * (base + 3 * Math.sin((2 * Math.PI * k) / slots)) + r(0, 0.3),
    maxPowerW: r(2500, 5000),
    outdoorC: base,
    gainsW: r(100, 600),
    minTempC: (k) => (k < slots / 4 ? night : 18),
    maxTempC: r(20, 24),
    initialTempC: r(17, 19),
    heatLossWK: r(150, 500),
    capacityJK: r(15e6, 80e6),
    ...(withBackup ? { backupMaxW: r(1000, 6000) } : {}),
  });
}

/** Beijing's valley (20:00–08:00 at 0.10 yuan/kWh, 0.4883 otherwise) on 96 slots from local midnight. */
export const beijingValleyPrice = (k: number): number => (k < 32 || k >= 80 ? 0.1 : 0.4883);

/**
 * `count` village households on the Beijing valley tariff with seeded variety (ids `${prefix}1…`), for the fleet
 * coordination checks; every `backupEvery`-th one (from the first) has a 3 kW backup heater (0: none).
 */
export function valleyHouseholds(seed: number, count: number, prefix: string, backupEvery = 0): HouseholdProblem[] {
  const rng = mulberry32(seed);
  const r = (lo: number, hi: number) => lo + (hi - lo) * rng.next();
  return Array.from({ length: count }, (_, i) => syntheticHousehold({
    id: `${prefix}${i + 1}`, priceYuanPerKWh: beijingValleyPrice, outdoorC: r(-6, 2), gainsW: r(100, 400), heatLossWK: r(150, 350),
    capacityJK: r(15e6, 60e6), maxPowerW: r(3500, 5000), cop: r(2.3, 3.2), minTempC: (k) => (k < 24 ? 16 : 18), initialTempC: 16.5,
    ...(backupEvery > 0 && i % backupEvery === 0 ? { backupMaxW: 3000 } : {}),
  }));
}
