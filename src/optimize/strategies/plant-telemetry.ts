/**
 * Rolling window of what the platform measures of each household, one record per planning slot: the room air at the
 * slot's start, and over the slot the mean outdoor temperature, south-facade irradiance and heat input. The
 * identified planner model (identified-model.md) is fitted to it. Columnar ring buffers: a fixed memory per household.
 */
import { emptyWeatherSample, sampleWeather, type FleetSimulation, type WeatherSeries } from '../../sim/index.js';
import type { RcSample } from '../identify/index.js';

/**
 * Which heat the fit explains the air by: 'heat-pump' — the unit's heat meter (heat pump + backup heater), what the
 * plan decides (power × COP); 'emitter' — the heat the emitters pass to the room, the meter's heat less what the water
 * (and slab) stored over the slot, C_w ΔT_w / Δt (identified-model.md).
 */
export type HeatSignal = 'heat-pump' | 'emitter';

export interface PlantTelemetry {
  /** Slots kept per household. */
  readonly capacitySlots: number;
  /** Stores slot `slotIndex` (consecutive integers from any origin) of household i. */
  record(i: number, slotIndex: number, s: SlotTelemetry): void;
  /** Household i's records, oldest first, as identification samples (tsMs = slot index × slot length). */
  samples(i: number, slotS: number): RcSample[];
}

export interface SlotTelemetry {
  readonly airStartC: number;
  readonly outdoorC: number;
  readonly heatW: number;
  readonly southWm2: number;
}

export function createPlantTelemetry(households: number, capacitySlots: number): PlantTelemetry {
  if (!(Number.isInteger(capacitySlots) && capacitySlots > 1)) throw new Error(`telemetry window: ${capacitySlots} slots must be a whole number above 1`);
  const size = households * capacitySlots;
  const slot = new Float64Array(size).fill(Number.NaN), air = new Float64Array(size), out = new Float64Array(size), heat = new Float64Array(size), sun = new Float64Array(size);
  return {
    capacitySlots,
    record(i, slotIndex, s) {
      const j = i * capacitySlots + (((slotIndex % capacitySlots) + capacitySlots) % capacitySlots);
      slot[j] = slotIndex; air[j] = s.airStartC; out[j] = s.outdoorC; heat[j] = s.heatW; sun[j] = s.southWm2;
    },
    samples(i, slotS) {
      const rows: RcSample[] = [];
      for (let c = 0; c < capacitySlots; c++) {
        const j = i * capacitySlots + c;
        if (Number.isNaN(slot[j] as number)) continue;
        rows.push({ tsMs: (slot[j] as number) * slotS * 1000, indoorC: air[j] as number, outdoorC: out[j] as number, heatW: heat[j] as number, solarWm2: sun[j] as number });
      }
      return rows.sort((a, b) => a.tsMs - b.tsMs);
    },
  };
}

/**
 * Records one slot of every household of a simulated fleet into `telemetry`: call `start()` before the twin runs the
 * slot and `end(slotIndex)` after. The outdoor temperature and irradiance are the twin's weather at the slot's middle.
 */
export function slotRecorder(sim: FleetSimulation, weather: WeatherSeries, telemetry: PlantTelemetry, slotS: number, signal: HeatSignal) {
  const st = sim.state, n = sim.size;
  const air0 = new Float64Array(n), heat0 = new Float64Array(n), water0 = new Float64Array(n);
  const ws = emptyWeatherSample();
  return {
    start(): void {
      for (let i = 0; i < n; i++) {
        air0[i] = st.s.ti[i] as number; water0[i] = st.s.tw[i] as number;
        heat0[i] = (st.a.heatHpJ[i] as number) + (st.a.heatBackupJ[i] as number);
      }
    },
    end(slotIndex: number): void {
      sampleWeather(weather, sim.tsMs - slotS * 500, ws);
      for (let i = 0; i < n; i++) {
        const meterW = ((st.a.heatHpJ[i] as number) + (st.a.heatBackupJ[i] as number) - (heat0[i] as number)) / slotS;
        const storedW = ((st.p.cw[i] as number) * ((st.s.tw[i] as number) - (water0[i] as number))) / slotS;
        telemetry.record(i, slotIndex, { airStartC: air0[i] as number, outdoorC: ws.tempC, southWm2: ws.southWm2, heatW: signal === 'emitter' ? meterW - storedW : meterW });
      }
    },
  };
}
