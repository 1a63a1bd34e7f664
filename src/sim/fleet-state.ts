/**
 * Struct-of-arrays state of a simulated fleet: one typed array per parameter and per state variable,
 * so the step kernel runs a tight loop without allocating. Built once from household definitions.
 */
import { heatPumpType } from '../domain/heat-pump-types.js';
import { buildingThermal, designLoadW, DESIGN_INDOOR_C } from './building-model.js';
import type { WeatherSeries } from './epw.js';
import { EMITTERS, emitterCapacityJK, emitterConstant, WATER_CP_J_PER_KGK } from './emitters.js';
import { groundLoopParams, undisturbedGroundC, WATER_SOURCE_C } from './ground-loop.js';
import { HZ_MAX, HZ_MIN } from './controls.js';
import { CAPACITY_SHAPES } from './heat-pump-catalogue.js';
import { performanceMap, PERFORMANCE_MAP_IDS } from './heat-pump-catalogue.js';
import type { CapacityShape, PerformanceMap } from './heat-pump-map.js';
import type { HouseholdDefinition } from './household.js';

const PARAMS = [
  'hd', 'hi', 'he', 'ci', 'ce', 'cw', 'kem', 'nem', 'solS', 'solN', 'qint', 'capNomW', 'minMod', 'backupW', 'fanW',
  'standbyW', 'crankW', 'pumpW', 'pumpCont', 'curveFixed', 'designFlowC', 'designDtK', 'mdotCp', 'daySpC', 'nightSpC',
  'nightFromH', 'nightToH', 'hystK', 'inverter', 'canFrost', 'sourceKind', 'mapIdx', 'shapeIdx', 'groundC', 'groundR', 'boreR', 'groundFarC', 'flowSlope', 'ratingFlowC', 'backupBelowC', 'nemOff',
  // Derived once so the kernel multiplies instead of divides: 1/C of the three nodes, 1/(2·ṁc_p), Hz per unit of modulation.
  'invCi', 'invCe', 'invCw', 'halfInvMdotCp', 'hzPerFrac',
  // Heating curve (controls.ts heatingCurveFlowC): design mean-water excess over the room and 1/n.
  'curveExcessK', 'invNem',
] as const;
const STATES = [
  'ti', 'te', 'tw', 'tg', 'frac', 'ramp', 'onS', 'offS', 'frost', 'defrostS', 'deficitS', 'backupOn', 'heatCall',
  'spOverrideC', 'overrideUntilMs', 'sg', 'sgUntilMs', 'contact', 'qHpW', 'qBackupW', 'qEmW', 'pCompW', 'pFanW', 'pBackupW',
  'pPumpW', 'pStandbyW', 'supplyC', 'returnC', 'flowM3h', 'hz', 'setpointC', 'capMaxW', 'sourceC', 'curveToC', 'curveSpC', 'curveFlowC',
  // Schedule following (schedule-control.ts): planned electric power (NaN = local control), room ceiling, energy bucket.
  'schedW', 'schedCeilC', 'schedTokJ',
] as const;
const ACCUMS = [
  'heatHpJ', 'heatBackupJ', 'eCompJ', 'eFanJ', 'eBackupJ', 'ePumpJ', 'eStandbyJ', 'defrostJ', 'starts', 'runS', 'capRunJ',
  'heatRunJ', 'below18S', 'gainsJ', 'lossJ', 'defrosts', 'simS',
  // Highest electric power of all components over one internal step (a maximum, not a sum).
  'peakElecW',
  // Comfort below the occupants' floor (scheduled setpoint − hysteresis): K·s and s; electricity drawn by the
  // local safeguard while following a schedule (schedule-control.md).
  'belowFloorKS', 'belowFloorS', 'safeguardJ',
] as const;
export type ParamKey = (typeof PARAMS)[number];
export type StateKey = (typeof STATES)[number];
export type AccumKey = (typeof ACCUMS)[number];

export const SOURCE_KIND = { air: 0, ground: 1, water: 2 } as const;

export interface FleetState {
  readonly size: number;
  readonly p: Record<ParamKey, Float64Array>;
  readonly s: Record<StateKey, Float64Array>;
  readonly a: Record<AccumKey, Float64Array>;
  readonly maps: readonly PerformanceMap[];
  readonly shapes: readonly CapacityShape[];
  /** ΔT^(n−1) tables, see POW_TABLE_SIZE. */
  readonly powTable: Float64Array;
}

/**
 * Lookup table of ΔT^(n−1) for each emitter exponent in use (0…POW_TABLE_MAX_K in POW_TABLE_STEP_K steps,
 * linear interpolation: relative error < 0.1 % above 1 K), so the inner loop avoids Math.pow. The tables of
 * all exponents sit end to end in one array; a household reads its own from `nemOff`.
 */
export const POW_TABLE_STEP_K = 0.125;
export const POW_TABLE_MAX_K = 100;
export const POW_TABLE_SIZE = Math.round(POW_TABLE_MAX_K / POW_TABLE_STEP_K) + 2;
function powTables(exponents: readonly number[]): Float64Array {
  const t = new Float64Array(exponents.length * POW_TABLE_SIZE);
  exponents.forEach((n, k) => {
    for (let j = 0; j < POW_TABLE_SIZE; j++) t[k * POW_TABLE_SIZE + j] = Math.pow(Math.max(j * POW_TABLE_STEP_K, 1e-3), n - 1);
  });
  return t;
}

const arrays = <K extends string>(keys: readonly K[], n: number): Record<K, Float64Array> =>
  Object.fromEntries(keys.map((k) => [k, new Float64Array(n)])) as Record<K, Float64Array>;

const SHAPE_IDS = Object.keys(CAPACITY_SHAPES) as (keyof typeof CAPACITY_SHAPES)[];

/** Capacity shape a map declares, by identity (maps are data; no branching on brand). */
function shapeIndex(map: PerformanceMap): number {
  const i = SHAPE_IDS.findIndex((k) => CAPACITY_SHAPES[k] === map.capacity);
  return i >= 0 ? i : 0;
}

export function createFleetState(households: readonly HouseholdDefinition[], weather: WeatherSeries): FleetState {
  const n = households.length;
  const p = arrays(PARAMS, n);
  const s = arrays(STATES, n);
  const a = arrays(ACCUMS, n);
  const maps = PERFORMANCE_MAP_IDS.map((id) => performanceMap(id));
  const shapes = SHAPE_IDS.map((k) => CAPACITY_SHAPES[k]);
  let meanAir = 0;
  for (let r = 0; r < weather.length; r++) meanAir += weather.tempC[r] as number;
  meanAir /= weather.length;
  const groundFar = undisturbedGroundC(weather.groundTempC, meanAir);
  const exponents: number[] = [];
  households.forEach((h, i) => {
    const th = buildingThermal(h.areaM2, h.storeys, h.building);
    const load = designLoadW(th);
    const hy = h.hydronics;
    const type = heatPumpType(h.unit.type);
    const map = performanceMap(h.unit.performanceMap);
    const heatedArea = h.areaM2 * h.building.heatedFraction;
    p.hd[i] = th.hDirectWK; p.hi[i] = th.hInteriorWK; p.he[i] = th.hEnvelopeWK; p.ci[i] = th.ciJK; p.ce[i] = th.ceJK;
    p.cw[i] = emitterCapacityJK(h.emitter, heatedArea, load);
    p.kem[i] = emitterConstant(h.emitter, load, hy.designFlowTempC, hy.designDeltaTK, DESIGN_INDOOR_C);
    p.nem[i] = EMITTERS[h.emitter].exponent;
    p.solS[i] = th.solarSouthM2; p.solN[i] = th.solarNorthM2; p.qint[i] = th.internalGainsW;
    p.capNomW[i] = h.unit.capacityKw * 1000;
    p.minMod[i] = h.unit.capacityControl === 'inverter' ? h.unit.minModulation : 1;
    p.inverter[i] = h.unit.capacityControl === 'inverter' ? 1 : 0;
    p.backupW[i] = h.unit.backupKw * 1000;
    p.fanW[i] = h.unit.fanWPerKw * h.unit.capacityKw;
    p.standbyW[i] = h.unit.standbyW; p.crankW[i] = h.unit.crankcaseW;
    p.pumpW[i] = hy.pumpW; p.pumpCont[i] = hy.pumpControl === 'continuous' ? 1 : 0;
    p.curveFixed[i] = hy.curve === 'fixed' ? 1 : 0;
    p.designFlowC[i] = hy.designFlowTempC; p.designDtK[i] = hy.designDeltaTK;
    // Circulation flow sized for the unit's nominal output at the design temperature difference.
    p.mdotCp[i] = (h.unit.capacityKw * 1000) / hy.designDeltaTK;
    p.invCi[i] = 1 / th.ciJK; p.invCe[i] = 1 / th.ceJK; p.invCw[i] = 1 / (p.cw[i] as number);
    p.halfInvMdotCp[i] = 1 / (2 * (p.mdotCp[i] as number));
    p.hzPerFrac[i] = (HZ_MAX - HZ_MIN) / (1 - (p.minMod[i] as number) || 1);
    const o = h.occupants;
    p.daySpC[i] = o.daySetpointC; p.nightSpC[i] = o.nightSetpointC; p.nightFromH[i] = o.nightFromH; p.nightToH[i] = o.nightToH; p.hystK[i] = o.hysteresisK;
    p.canFrost[i] = type.canFrost ? 1 : 0;
    p.sourceKind[i] = type.source === 'ground' ? SOURCE_KIND.ground : type.source === 'outdoor-air' ? SOURCE_KIND.air : SOURCE_KIND.water;
    p.mapIdx[i] = maps.indexOf(map);
    p.shapeIdx[i] = shapeIndex(map);
    p.flowSlope[i] = map.capacity.flowSlopePerK; p.ratingFlowC[i] = map.capacity.ratingFlowC;
    p.backupBelowC[i] = h.unit.backupBelowC;
    const n = EMITTERS[h.emitter].exponent;
    if (!exponents.includes(n)) exponents.push(n);
    p.nemOff[i] = exponents.indexOf(n) * POW_TABLE_SIZE;
    p.curveExcessK[i] = hy.designFlowTempC - hy.designDeltaTK / 2 - DESIGN_INDOOR_C;
    p.invNem[i] = 1 / n;
    if (p.sourceKind[i] === SOURCE_KIND.ground) {
      const g = groundLoopParams(h.boreholeM ?? Math.max(50, (h.unit.capacityKw * 1000) / 50));
      p.groundC[i] = g.ground.cJPerK; p.groundR[i] = g.ground.rKPerW; p.boreR[i] = g.boreholeRKPerW;
    }
    p.groundFarC[i] = p.sourceKind[i] === SOURCE_KIND.water ? WATER_SOURCE_C : groundFar;
    // Initial state: at the day setpoint, envelope mass at the steady-state profile for 0 °C outdoors, water at the room.
    const ti0 = o.daySetpointC;
    s.ti[i] = ti0;
    s.te[i] = (th.hInteriorWK * ti0) / (th.hInteriorWK + th.hEnvelopeWK);
    s.tw[i] = ti0 + 5; s.tg[i] = groundFar; s.heatCall[i] = 1; s.offS[i] = 1e9;
    s.spOverrideC[i] = Number.NaN; s.schedW[i] = Number.NaN; s.curveToC[i] = Number.NaN; s.contact[i] = 1; s.setpointC[i] = ti0;
    s.supplyC[i] = s.tw[i] as number; s.returnC[i] = s.tw[i] as number;
    s.flowM3h[i] = ((p.mdotCp[i] as number) / WATER_CP_J_PER_KGK) * 3.6;
  });
  return { size: n, p, s, a, maps, shapes, powTable: powTables(exponents) };
}
