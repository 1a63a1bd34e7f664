/**
 * Runs one strategy over a period on the twin, closed loop: every local midnight the strategy plans the
 * day from what the platform would know (the twin's room temperatures, recent outdoor observations, the
 * forecast), the twin follows slot by slot in its own weather, and its meters give the outcome. See strategies.md.
 */
import { createFleetSimulation, emptyWeatherSample, sampleWeather, type FleetSimulation } from '../../sim/index.js';
import { followSchedule } from '../../sim/schedule-control.js';
import { emitterHeatW } from '../twin-problem.js';
import type { HouseholdDefinition } from '../../sim/index.js';
import { anomalyPersistenceForecast, type TemperatureObservation } from '../forecast/index.js';
import { dayPriceSet } from './day-prices.js';
import { planDay, type DaySchedule } from './day-plan.js';
import type { ClosedLoopInput, ClosedLoopResult, TransformerOutcome } from './types.js';
import { createPlantTelemetry, slotRecorder } from './plant-telemetry.js';
import { fitRoomModel, type IdentifiedRoomModel } from './identified-model.js';
import { createRatingGuard } from './rating-guard-twin.js';
import { createGuaranteeMeter } from '../contracts/index.js';

const DAY_MS = 86_400_000;
const J_PER_KWH = 3.6e6;
/** The twin's physics step while following (s). */
const STEP_S = 60;
/** Outdoor observations kept for the forecast (h). */
const OBSERVATION_KEEP_H = 24;
/** The planner aims this far above its comfort floor by default (K); see strategies.md. */
export const DEFAULT_PLAN_MARGIN_K = 0.2;
/** Identified planner model: rolling fit window (days) and thermostat warm-up before the period (days); identified-model.md. */
export const IDENTIFY_WINDOW_DAYS = 14;
export const IDENTIFY_WARMUP_DAYS = 7;

const concat = (a: Float64Array, b: Float64Array): Float64Array => { const c = new Float64Array(a.length + b.length); c.set(a); c.set(b, a.length); return c; };

/** FNV-1a hash of an id, as a number in [0, 1). */
function idPhase(id: string): number {
  let x = 0x811c9dc5;
  for (let c = 0; c < id.length; c++) x = Math.imul(x ^ id.charCodeAt(c), 0x01000193) >>> 0;
  return x / 2 ** 32;
}

export function validateClosedLoop(i: ClosedLoopInput): number {
  const slotMinutes = i.slotMinutes ?? 15;
  if (!(slotMinutes > 0) || 1440 % slotMinutes !== 0) throw new Error(`slotMinutes: ${slotMinutes} must divide the day`);
  if (!(i.toMs > i.fromMs)) throw new Error(`period: to ${new Date(i.toMs).toISOString()} must be after from ${new Date(i.fromMs).toISOString()}`);
  if ((i.toMs - i.fromMs) % DAY_MS !== 0) throw new Error('period: from and to must be whole days apart (local midnights)');
  const n = i.fleet.households.length;
  const seen = new Uint8Array(n);
  for (const t of i.transformers) {
    if (!(t.ratingKVA > 0) || !(t.powerFactor > 0 && t.powerFactor <= 1)) throw new Error(`transformer ${t.id}: rating ${t.ratingKVA} kVA and power factor ${t.powerFactor} must be positive (pf ≤ 1)`);
    for (const h of t.householdIndices) {
      if (!(h >= 0 && h < n) || seen[h]) throw new Error(`transformer ${t.id}: household index ${h} is outside the fleet or behind two transformers`);
      seen[h] = 1;
    }
  }
  const orphan = seen.indexOf(0);
  if (orphan >= 0) throw new Error(`household ${i.fleet.households[orphan]?.id} is behind no transformer`);
  return slotMinutes;
}

/** Electricity so far per household: all components, and the heating part (compressor, fan, backup). */
function meters(sim: FleetSimulation, total: Float64Array, heating: Float64Array): void {
  const a = sim.state.a;
  for (let i = 0; i < sim.size; i++) {
    const heat = (a.eCompJ[i] as number) + (a.eFanJ[i] as number) + (a.eBackupJ[i] as number);
    heating[i] = heat / J_PER_KWH;
    total[i] = (heat + (a.ePumpJ[i] as number) + (a.eStandbyJ[i] as number)) / J_PER_KWH;
  }
}

export function runClosedLoop(input: ClosedLoopInput): ClosedLoopResult {
  const slotMinutes = validateClosedLoop(input);
  const { fleet, tariff, strategy } = input;
  const hs = fleet.households;
  const n = hs.length;
  const slotS = slotMinutes * 60;
  const slotsPerDay = 1440 / slotMinutes;
  const days = (input.toMs - input.fromMs) / DAY_MS;
  const forecastKind = input.forecast ?? 'anomaly-persistence';
  const horizonDays = input.horizonDays ?? 1;
  if (horizonDays !== 1 && horizonDays !== 2) throw new Error(`horizonDays: ${horizonDays} must be 1 or 2`);
  const identifying = input.plannerModel === 'identified' && (strategy === 'optimised-household' || strategy === 'optimised-fleet');
  const warmupDays = identifying ? (input.identifyWarmupDays ?? IDENTIFY_WARMUP_DAYS) : 0;
  const windowDays = input.identifyWindowDays ?? IDENTIFY_WINDOW_DAYS;
  if (identifying && !(Number.isInteger(warmupDays) && warmupDays >= 0 && Number.isInteger(windowDays) && windowDays >= 1)) {
    throw new Error(`identified planner model: warm-up ${warmupDays} and window ${windowDays} days must be whole numbers (window ≥ 1)`);
  }
  const sim = createFleetSimulation(fleet, input.actualWeather, { startMs: input.fromMs - warmupDays * DAY_MS, stepS: STEP_S });
  const st = sim.state;
  const telemetry = identifying ? createPlantTelemetry(n, windowDays * slotsPerDay) : null;
  const recorder = telemetry ? slotRecorder(sim, input.actualWeather, telemetry, slotS, input.identifyHeatSignal ?? 'heat-pump') : null;
  // The rating guard decides before every physics step, so the twin then steps minute by minute.
  const guard = input.enforceRating ? createRatingGuard(sim, input.transformers, input.actualWeather, STEP_S) : null;
  // A contract's comfort guarantee is measured on the room temperature after every physics step.
  const guarantee = input.comfortGuarantee ? createGuaranteeMeter(input.comfortGuarantee, n) : null;
  const stepsPerSlot = slotS / STEP_S;
  const groupOf = new Int32Array(n);
  input.transformers.forEach((t, g) => { for (const i of t.householdIndices) groupOf[i] = g; });
  const loads = input.transformers.map(() => new Float64Array(days * slotsPerDay));
  const plannedPeak = new Float64Array(input.transformers.length).fill(strategy === 'thermostat' || strategy === 'valley-only' ? Number.NaN : 0);
  const out = {
    electricityKWh: new Float64Array(n), costYuan: new Float64Array(n), offValleyHeatingKWh: new Float64Array(n),
    safeguardKWh: new Float64Array(n), backupKWh: new Float64Array(n), belowFloorKh: new Float64Array(n), belowFloorH: new Float64Array(n),
  };
  const capKWh = tariff.subsidyCapKWhPerSeason ?? Number.POSITIVE_INFINITY;
  const subsidisedUsed = new Float64Array(n);
  const prevTotal = new Float64Array(n), prevHeat = new Float64Array(n), nowTotal = new Float64Array(n), nowHeat = new Float64Array(n);

  // Bucket phases tied to the household id, so a household behaves the same whatever its index (worker shares).
  const phase = Float64Array.from(hs, (h) => idPhase(h.id));
  const observations: TemperatureObservation[] = [];
  const ws = emptyWeatherSample();
  // Warm-up (identified model only): the twin runs on its own thermostat before the period, the platform records it.
  for (let k = 0; k < warmupDays * slotsPerDay; k++) {
    recorder?.start();
    sim.advance(slotS / STEP_S);
    recorder?.end(k - warmupDays * slotsPerDay);
    observations.push({ tsMs: sim.tsMs, tempC: sampleWeather(input.actualWeather, sim.tsMs, ws).tempC });
    while ((observations[0]?.tsMs ?? Infinity) < sim.tsMs - OBSERVATION_KEEP_H * 3_600_000) observations.shift();
  }
  meters(sim, prevTotal, prevHeat);
  const a0 = { heatJ: Float64Array.from(st.a.heatHpJ, (q, i) => q + (st.a.heatBackupJ[i] as number)), electricityKWh: Float64Array.from(prevTotal), safeguardJ: Float64Array.from(st.a.safeguardJ), eBackupJ: Float64Array.from(st.a.eBackupJ), belowFloorKS: Float64Array.from(st.a.belowFloorKS), belowFloorS: Float64Array.from(st.a.belowFloorS) };
  let identifiedDays = 0, fitRmseSum = 0, fitRmseCount = 0;
  let programmeInfeasibleDays = 0, programmePeakW = 0;
  let planned = 0, plannedKWh = 0, planViolations = 0, infeasible = 0, tooSmall = 0, fallbacks = 0, gapSum = 0, gapCount = 0, maeSum = 0, maeCount = 0;
  for (let d = 0; d < days; d++) {
    const dayStartMs = input.fromMs + d * DAY_MS;
    const prices = dayPriceSet(tariff, dayStartMs, slotMinutes);
    const next = horizonDays === 2 ? dayPriceSet(tariff, dayStartMs + DAY_MS, slotMinutes) : null;
    const horizonPrices = next ? { subsidised: concat(prices.subsidised, next.subsidised), full: concat(prices.full, next.full) } : null;
    let plan: DaySchedule | null = null;
    if (strategy !== 'thermostat') {
      const forecast = forecastKind === 'perfect' || strategy === 'valley-only'
        ? input.actualWeather
        : anomalyPersistenceForecast(input.typicalWeather, observations, { issuedMs: dayStartMs, horizonH: 24 * horizonDays, ...(input.forecastDecayH ? { decayH: input.forecastDecayH } : {}) });
      if (strategy !== 'valley-only') {
        for (let k = 0; k < slotsPerDay; k++) {
          const mid = dayStartMs + (k + 0.5) * slotS * 1000;
          const f = sampleWeather(forecast, mid, ws).tempC;
          maeSum += Math.abs(f - sampleWeather(input.actualWeather, mid, ws).tempC);
          maeCount++;
        }
      }
      let models: IdentifiedRoomModel[] | null = null;
      if (telemetry) {
        models = hs.map((h, i) => fitRoomModel(h, telemetry.samples(i, slotS), { slotS, ...(input.identifyMethod ? { method: input.identifyMethod } : {}) }));
        for (const m of models) {
          if (m.source === 'identified') identifiedDays++;
          if (m.source === 'identified' && m.fit?.simulatedRmseK != null) { fitRmseSum += m.fit.simulatedRmseK; fitRmseCount++; }
        }
      }
      const identified = models;
      plan = planDay({
        strategy, households: hs, transformers: input.transformers, dayStartMs, slotS, prices, forecast, ...(horizonPrices ? { horizonPrices } : {}),
        subsidised: (i) => (subsidisedUsed[i] as number) < capKWh, roomC: (i) => st.s.ti[i] as number, heatW: (i) => emitterHeatW(hs[i] as HouseholdDefinition, st.s.ti[i] as number, ((st.s.supplyC[i] as number) + (st.s.returnC[i] as number)) / 2),
        planMarginK: input.planMarginK ?? DEFAULT_PLAN_MARGIN_K, model: input.plannerModel ?? 'envelope',
        ...(input.envelopeAirFloor ? { envelopeAirFloor: input.envelopeAirFloor } : {}), ...(input.planFlow ? { planFlow: input.planFlow } : {}),
        ...(input.coordination ? { coordination: input.coordination } : {}), ...(input.highs ? { highs: input.highs } : {}),
        ...(input.programmeMaxPowerW !== undefined ? { programmeMaxPowerW: input.programmeMaxPowerW } : {}),
        ...(identified ? { identified: (i: number) => identified[i] as IdentifiedRoomModel } : {}),
      });
      if (strategy !== 'valley-only') {
        planned++;
        for (const w of plan.powerW) for (const v of w) plannedKWh += (v * slotS) / 3.6e6;
      }
      planViolations += plan.planComfortViolations; infeasible += plan.comfortInfeasible; tooSmall += plan.transformerTooSmall; fallbacks += plan.exactFallbacks;
      if (Number.isFinite(plan.certifiedGapPct)) { gapSum += plan.certifiedGapPct; gapCount++; }
      plan.plannedLoadW.forEach((l, g) => { plannedPeak[g] = Math.max(plannedPeak[g] as number, ...l); });
      if (plan.programmeIssues !== undefined) {
        if (plan.programmeIssues > 0) programmeInfeasibleDays++;
        for (let k = 0; k < slotsPerDay; k++) programmePeakW = Math.max(programmePeakW, plan.plannedLoadW.reduce((s, l) => s + (l[k] as number), 0));
      }
    }
    for (let k = 0; k < slotsPerDay; k++) {
      if (plan) {
        for (let i = 0; i < n; i++) {
          followSchedule(st, i, { powerW: (plan.powerW[i] as Float64Array)[k] as number, ceilingC: (plan.ceilingC[i] as Float64Array)[k] as number }, phase[i] as number);
        }
      }
      recorder?.start();
      if (guard || guarantee) {
        for (let m = 0; m < stepsPerSlot; m++) { guard?.before(); sim.advance(1); guard?.after(); guarantee?.observe(sim.tsMs - STEP_S * 1000, STEP_S, st.s.ti); }
      } else sim.advance(stepsPerSlot);
      recorder?.end(d * slotsPerDay + k);
      meters(sim, nowTotal, nowHeat);
      const slot = d * slotsPerDay + k;
      const valley = prices.valley[k] === 1;
      for (let i = 0; i < n; i++) {
        const e = (nowTotal[i] as number) - (prevTotal[i] as number);
        const eHeat = (nowHeat[i] as number) - (prevHeat[i] as number);
        prevTotal[i] = nowTotal[i] as number; prevHeat[i] = nowHeat[i] as number;
        const left = capKWh - (subsidisedUsed[i] as number);
        const full = prices.full[k] as number, sub = prices.subsidised[k] as number;
        // Subsidised kWh count against the cap only where the subsidy lowers the price.
        const eSub = sub < full ? Math.min(e, Math.max(0, left)) : 0;
        subsidisedUsed[i] = (subsidisedUsed[i] as number) + eSub;
        out.costYuan[i] = (out.costYuan[i] as number) + eSub * sub + (e - eSub) * full;
        if (!valley) out.offValleyHeatingKWh[i] = (out.offValleyHeatingKWh[i] as number) + eHeat;
        const l = loads[groupOf[i] as number] as Float64Array;
        l[slot] = (l[slot] as number) + (e * 1000) / (slotS / 3600);
      }
      observations.push({ tsMs: sim.tsMs, tempC: sampleWeather(input.actualWeather, sim.tsMs, ws).tempC });
      while ((observations[0]?.tsMs ?? Infinity) < sim.tsMs - OBSERVATION_KEEP_H * 3_600_000) observations.shift();
    }
    input.onDay?.(d + 1, days);
  }
  const a = st.a;
  const deliveredHeatKWh = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    deliveredHeatKWh[i] = ((a.heatHpJ[i] as number) + (a.heatBackupJ[i] as number) - (a0.heatJ[i] as number)) / J_PER_KWH;
    out.electricityKWh[i] = (prevTotal[i] as number) - (a0.electricityKWh[i] as number);
    out.safeguardKWh[i] = ((a.safeguardJ[i] as number) - (a0.safeguardJ[i] as number)) / J_PER_KWH;
    out.backupKWh[i] = ((a.eBackupJ[i] as number) - (a0.eBackupJ[i] as number)) / J_PER_KWH;
    out.belowFloorKh[i] = ((a.belowFloorKS[i] as number) - (a0.belowFloorKS[i] as number)) / 3600;
    out.belowFloorH[i] = ((a.belowFloorS[i] as number) - (a0.belowFloorS[i] as number)) / 3600;
  }
  const transformers: TransformerOutcome[] = input.transformers.map((t, g) => ({
    id: t.id, ratingKVA: t.ratingKVA, powerFactor: t.powerFactor, households: t.householdIndices.length, loadW: loads[g] as Float64Array, plannedPeakW: plannedPeak[g] as number,
  }));
  const g = guard?.totals;
  return {
    strategy, forecast: forecastKind, tariffId: tariff.id, fromMs: input.fromMs, toMs: input.toMs, slotMinutes,
    households: { ids: hs.map((h) => h.id), ...out, deliveredHeatKWh, ...(guarantee ? { belowGuaranteeKh: guarantee.belowKh, belowGuaranteeH: guarantee.belowH } : {}), ...(g ? { blockedH: g.blockedH, blockedBelowFloorH: g.blockedBelowFloorH, blockedBelowFloorKh: g.blockedBelowFloorKh } : {}) }, transformers,
    ...(g ? { ratingGuard: { longestLockH: g.longestLockH, locksOverLimit: g.locksOverLimit, overCapacitySteps: g.overCapacitySteps } } : {}),
    planning: {
      plannedDays: planned, planComfortViolations: planViolations, comfortInfeasibleHouseholdDays: infeasible, transformerTooSmallGroupDays: tooSmall,
      exactFallbacks: fallbacks, plannedKWh: planned > 0 ? plannedKWh : Number.NaN, meanCertifiedGapPct: gapCount > 0 ? gapSum / gapCount : Number.NaN, forecastMaeK: maeCount > 0 ? maeSum / maeCount : Number.NaN,
      ...(input.programmeMaxPowerW !== undefined && strategy === 'optimised-fleet' ? { programmeInfeasibleDays, plannedProgrammePeakW: programmePeakW } : {}),
      ...(identifying ? { identifiedHouseholdDays: identifiedDays, meanFitSimulatedRmseK: fitRmseCount > 0 ? fitRmseSum / fitRmseCount : Number.NaN } : {}),
    },
  };
}
