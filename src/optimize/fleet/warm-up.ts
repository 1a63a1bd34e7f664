/**
 * A freshly started optimiser thread runs its first plan two to three times slower than later ones: V8
 * first runs the JavaScript in its baseline tiers and HiGHS' WebAssembly in its baseline compiler, and
 * optimises the hot functions only after they have run a while. A long-lived worker (a running service)
 * pays that once. This plans a small synthetic transformer group — by coordination and by the monolithic
 * LP, so both paths are warm — and throws the result away; the worker pool calls it at start-up.
 */
import type { Highs } from 'highs';
import { mulberry32 } from '../../sim/index.js';
import { prepareHousehold, solveHouseholdFast } from '../household-fast.js';
import { syntheticHousehold } from '../household-fixture.js';
import { coordinateFleet } from './coordinate.js';
import { solveFleetMonolithic } from './monolithic.js';
import type { TransformerGroup } from './types.js';

/** Households per warm-up group, and how much of their uncoordinated peak the transformer carries (so it binds). */
const WARM_UP_HOUSEHOLDS = 60;
const WARM_UP_LIMIT_SHARE = 0.85;

/** A day-night tariff (cheap from slot 80 to slot 32 of 96) and households that can all hold comfort alone. */
function warmUpGroup(id: string, seed: number, households: number): TransformerGroup {
  const rng = mulberry32(seed);
  const r = (lo: number, hi: number) => lo + (hi - lo) * rng.next();
  const hh = Array.from({ length: households }, (_, i) => syntheticHousehold({
    id: `${id}-${i}`, priceYuanPerKWh: (k) => (k < 32 || k >= 80 ? 0.1 : 0.49), outdoorC: r(-6, 2), gainsW: r(100, 400),
    heatLossWK: r(150, 350), capacityJK: r(15e6, 60e6), maxPowerW: r(3500, 5000), cop: r(2.3, 3.2),
    minTempC: (k) => (k < 24 ? 16 : 18), initialTempC: 16.5, ...(i % 2 === 0 ? { backupMaxW: 3000 } : {}),
  }));
  const load = new Float64Array(96);
  for (const h of hh) solveHouseholdFast(prepareHousehold(h)).powerW.forEach((w, k) => { load[k] = (load[k] as number) + w; });
  return { id, ratingKVA: (WARM_UP_LIMIT_SHARE * Math.max(...load)) / 1000, powerFactor: 1, households: hh };
}

/** Runs the hot paths of fleet planning once on synthetic data; returns the seconds it took. */
export function warmUpFleetSolvers(highs: Highs, rounds = 3): number {
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) coordinateFleet([warmUpGroup(`warm-up-${r}`, 1 + r, WARM_UP_HOUSEHOLDS)], { gapTolerance: 0.005 }, highs);
  solveFleetMonolithic(highs, [warmUpGroup('warm-up-lp', 99, 10)]);
  return (performance.now() - t0) / 1000;
}
