/**
 * The values every household shares in one internal time step — weather, η line of each performance
 * map at the outdoor temperature, source capacity factor of each capacity shape, frost rate, start-up
 * ramp — computed once per step for the whole fleet, for up to `capacity` consecutive steps. The kernel
 * then advances blocks of households through all planned steps while their state stays in cache.
 */
import { STARTUP_TAU_S } from './controls.js';
import { frostRatePerS } from './defrost.js';
import type { WeatherSeries } from './epw.js';
import type { FleetState } from './fleet-state.js';
import { etaLineAt, sourceCapacityFactor, type EtaLine } from './heat-pump-map.js';
import { emptyWeatherSample, sampleWeather, type WeatherSample } from './weather-sampler.js';

/** Crankcase heaters run while the compressor is off below this outdoor temperature. */
export const CRANKCASE_BELOW_C = 10;

export interface StepPlan {
  readonly capacity: number;
  /** Number of planned steps (≤ capacity), each `dtS` long. */
  count: number;
  dtS: number;
  readonly maps: number;
  readonly shapes: number;
  /** Per step j: start instant (UTC ms) and the shared weather/derived values. */
  readonly tsMs: Float64Array;
  readonly tempC: Float64Array;
  readonly localHour: Float64Array;
  readonly southWm2: Float64Array;
  readonly northWm2: Float64Array;
  /** Frost load gained over the step at full speed. */
  readonly frostPerStep: Float64Array;
  /** 1 when crankcase heaters are on. */
  readonly crankOn: Float64Array;
  /** Per step j and map m at [j·maps + m]: η line (flowA, etaA, etaB, 1/(flowB − flowA)). */
  readonly flowA: Float64Array;
  readonly etaA: Float64Array;
  readonly etaB: Float64Array;
  readonly invSpan: Float64Array;
  /** Per step j and shape k at [j·shapes + k]: source part of the capacity factor. */
  readonly capF: Float64Array;
  /** Start-up ramp increment 1 − exp(−dt/τ) for dtS. */
  startA: number;
  /** The weather of the last planned step (outdoor temperature for channels). */
  readonly last: WeatherSample;
}

export function createStepPlan(st: FleetState, capacity: number): StepPlan {
  const m = st.maps.length;
  const k = st.shapes.length;
  const f = () => new Float64Array(capacity);
  return {
    capacity, count: 0, dtS: 0, maps: m, shapes: k, tsMs: f(), tempC: f(), localHour: f(), southWm2: f(), northWm2: f(), frostPerStep: f(), crankOn: f(),
    flowA: new Float64Array(capacity * m), etaA: new Float64Array(capacity * m), etaB: new Float64Array(capacity * m), invSpan: new Float64Array(capacity * m),
    capF: new Float64Array(capacity * k), startA: 0, last: emptyWeatherSample(),
  };
}

/** Plans `count` steps of `dtS` seconds from `startMs`; weather is sampled at each step's midpoint. */
export function planSteps(plan: StepPlan, st: FleetState, weather: WeatherSeries, startMs: number, dtS: number, count: number): StepPlan {
  if (count > plan.capacity) throw new Error(`planSteps: ${count} steps exceed the plan's capacity ${plan.capacity}`);
  const w = plan.last;
  const line: EtaLine = { flowA: 0, flowB: 0, etaA: 0, etaB: 0 };
  if (dtS !== plan.dtS) plan.startA = 1 - Math.exp(-dtS / STARTUP_TAU_S);
  plan.count = count;
  plan.dtS = dtS;
  for (let j = 0; j < count; j++) {
    const ts = startMs + j * dtS * 1000;
    sampleWeather(weather, ts + (dtS * 1000) / 2, w);
    plan.tsMs[j] = ts;
    plan.tempC[j] = w.tempC;
    plan.localHour[j] = w.localHour;
    plan.southWm2[j] = w.southWm2;
    plan.northWm2[j] = w.northWm2;
    plan.frostPerStep[j] = frostRatePerS(w.tempC, w.rhPct) * dtS;
    plan.crankOn[j] = w.tempC < CRANKCASE_BELOW_C ? 1 : 0;
    for (let m = 0; m < plan.maps; m++) {
      etaLineAt(st.maps[m] as (typeof st.maps)[number], w.tempC, line);
      const o = j * plan.maps + m;
      plan.flowA[o] = line.flowA; plan.etaA[o] = line.etaA; plan.etaB[o] = line.etaB; plan.invSpan[o] = 1 / (line.flowB - line.flowA);
    }
    for (let k = 0; k < plan.shapes; k++) plan.capF[j * plan.shapes + k] = sourceCapacityFactor(st.shapes[k] as (typeof st.shapes)[number], w.tempC);
  }
  return plan;
}
