/**
 * The rating guard on the twin (rating-guard.md): before every physics step (1 min) it reads what the platform sees of
 * each unit (compressor, backup and pump power, room temperature, the unit's call for heat, the plan's undelivered
 * energy), grants run permission per transformer with `grantRunPermission` and sends the SG-Ready lock to the rest
 * (a lock that lapses after one step unless renewed, like a heartbeat). After the step it counts the blocks.
 */
import { MAX_LOCK_S, MIN_OFF_S, MIN_ON_S, scheduledSetpointC } from '../../sim/controls.js';
import type { FleetSimulation, WeatherSeries } from '../../sim/index.js';
import { emptyWeatherSample, sampleWeather } from '../../sim/index.js';
import { grantRunPermission, type GuardUnit } from './rating-guard.js';
import type { TransformerSpec } from './types.js';

/** A unit never seen running is assumed to draw its nominal capacity at this COP when it starts (cold-weather order). */
const START_COP_GUESS = 2;
/** The start-draw estimate (the most the unit drew running lately) forgets with this time constant (s). */
const START_DRAW_MEMORY_S = 86_400;
/**
 * Share of the rating kept free for the estimates' error (an inverter ramping within a step, a start above its recent
 * draw). Measured on beijing-103's season without it: one 15-min slot of 11,520 at 100.2 % of the rating.
 */
export const GUARD_RESERVE_SHARE = 0.01;

export interface RatingGuardTotals {
  /** Per household: hours blocked while asking for heat; of them with the room below the floor (h, K·h). */
  readonly blockedH: Float64Array;
  readonly blockedBelowFloorH: Float64Array;
  readonly blockedBelowFloorKh: Float64Array;
  /** Longest uninterrupted lock of any unit (h), and lock episodes longer than SG-Ready's 2 h (count). */
  longestLockH: number;
  locksOverLimit: number;
  /** Guard steps at which a transformer's unblockable draw alone exceeded its rating. */
  overCapacitySteps: number;
}

export interface RatingGuardTwin {
  /** Decide and send permissions for the next step. */
  before(): void;
  /** Account for the step just taken (call after sim.advance(1)). */
  after(): void;
  readonly totals: RatingGuardTotals;
  /** Start counting afresh (e.g. after a warm-up). */
  reset(): void;
}

export function createRatingGuard(sim: FleetSimulation, transformers: readonly TransformerSpec[], weather: WeatherSeries, stepS: number): RatingGuardTwin {
  const n = sim.size;
  const { s, p } = sim.state;
  const startDrawW = Float64Array.from({ length: n }, (_, i) => (p.capNomW[i] as number) / START_COP_GUESS);
  const forget = Math.exp(-stepS / START_DRAW_MEMORY_S);
  const blocked = new Uint8Array(n), floorC = new Float64Array(n), lockRunS = new Float64Array(n), counted = new Uint8Array(n);
  const ws = emptyWeatherSample();
  const fresh = (): RatingGuardTotals => ({ blockedH: new Float64Array(n), blockedBelowFloorH: new Float64Array(n), blockedBelowFloorKh: new Float64Array(n), longestLockH: 0, locksOverLimit: 0, overCapacitySteps: 0 });
  let totals = fresh();
  const groups = transformers.map((t) => ({ indices: t.householdIndices, capacityW: (1 - GUARD_RESERVE_SHARE) * t.ratingKVA * t.powerFactor * 1000 }));

  function unitOf(i: number, hour: number): GuardUnit {
    const comp = (s.pCompW[i] as number) + (s.pFanW[i] as number);
    const backupW = (s.backupOn[i] as number) === 1 ? (s.pBackupW[i] as number) : 0;
    const running = comp > 0;
    const defrosting = (s.defrostS[i] as number) > 0;
    if (running && !defrosting) startDrawW[i] = Math.max(comp, (startDrawW[i] as number) * forget);
    const pumpW = p.pumpW[i] as number, pumpCont = (p.pumpCont[i] as number) === 1;
    // Standby and crankcase heating are drawn whenever the compressor is off: an upper bound of the idle draw.
    const idleW = (pumpCont ? pumpW : 0) + (p.standbyW[i] as number) + (p.crankW[i] as number);
    // Within its minimum run (or defrosting) a compressor does not stop on a lock: its draw is not the guard's to give.
    const mustRun = defrosting || (running && (s.onS[i] as number) + stepS < MIN_ON_S);
    // Within its minimum pause an idle compressor cannot start in the next step: nothing to reserve for it.
    const cannotStart = !running && !defrosting && (s.offS[i] as number) + stepS < MIN_OFF_S;
    const runPumpW = pumpCont ? 0 : pumpW;
    const fixedW = idleW + (mustRun ? comp + runPumpW : 0);
    const runW = backupW + (mustRun || cannotStart ? 0 : (running ? comp : (startDrawW[i] as number)) + runPumpW);
    const floor = scheduledSetpointC(hour, p.daySpC[i] as number, p.nightSpC[i] as number, p.nightFromH[i] as number, p.nightToH[i] as number) - (p.hystK[i] as number);
    floorC[i] = floor;
    const ti = s.ti[i] as number;
    const sched = !Number.isNaN(s.schedW[i] as number);
    const planCalls = sched && (s.schedTokJ[i] as number) > 0 && ti < (s.schedCeilC[i] as number);
    const wantsHeat = running || backupW > 0 || (s.heatCall[i] as number) === 1 || ti < floor || planCalls;
    return { marginK: ti - floor, fixedW, runW, wantsHeat, backupOn: backupW > 0 };
  }

  return {
    get totals() { return totals; },
    reset() { totals = fresh(); lockRunS.fill(0); counted.fill(0); },
    before() {
      const hour = sampleWeather(weather, sim.tsMs, ws).localHour;
      for (const g of groups) {
        const units = g.indices.map((i) => unitOf(i, hour));
        const d = grantRunPermission(units, g.capacityW);
        if (d.overCapacity) totals.overCapacitySteps++;
        g.indices.forEach((i, k) => {
          const lock = d.permitted[k] === 0;
          blocked[i] = lock && (units[k] as GuardUnit).wantsHeat ? 1 : 0;
          // The lock lapses after one step unless renewed; permission restores normal operation at once.
          if (lock) sim.setRunPermission(i, 'lock', stepS);
          else if ((s.sg[i] as number) !== 0) sim.setRunPermission(i, 'normal', stepS);
          if (lock) {
            lockRunS[i] = (lockRunS[i] as number) + stepS;
            if (lockRunS[i] as number > MAX_LOCK_S && counted[i] === 0) { totals.locksOverLimit++; counted[i] = 1; }
            totals.longestLockH = Math.max(totals.longestLockH, (lockRunS[i] as number) / 3600);
          } else { lockRunS[i] = 0; counted[i] = 0; }
        });
      }
    },
    after() {
      const h = stepS / 3600;
      for (let i = 0; i < n; i++) {
        if (blocked[i] === 0) continue;
        totals.blockedH[i] = (totals.blockedH[i] as number) + h;
        const below = (floorC[i] as number) - (s.ti[i] as number);
        if (below > 0) {
          totals.blockedBelowFloorH[i] = (totals.blockedBelowFloorH[i] as number) + h;
          totals.blockedBelowFloorKh[i] = (totals.blockedBelowFloorKh[i] as number) + below * h;
        }
      }
    },
  };
}
