/**
 * Runs a fleet over a period and returns its summary; optionally calls back after every step so a
 * caller can record telemetry or draw a progress bar (the callback does the I/O, not the twin).
 */
import type { WeatherSeries } from './epw.js';
import { createFleetSimulation, type FleetSimulation } from './fleet-simulation.js';
import type { FleetDefinition } from './household.js';
import { summarise, type SeasonSummary } from './season-summary.js';

export interface SeasonRunOptions {
  readonly fromMs: number;
  readonly toMs: number;
  readonly stepS: number;
  /** Called after each step (the simulation's time is the end of the step). */
  readonly onStep?: (sim: FleetSimulation, stepIndex: number, totalSteps: number) => void;
}

export function simulateSeason(fleet: FleetDefinition, weather: WeatherSeries, o: SeasonRunOptions): SeasonSummary {
  if (!(o.toMs > o.fromMs)) throw new Error(`to (${new Date(o.toMs).toISOString()}) must be after from (${new Date(o.fromMs).toISOString()})`);
  const sim = createFleetSimulation(fleet, weather, { startMs: o.fromMs, stepS: o.stepS });
  const total = Math.ceil((o.toMs - o.fromMs) / (o.stepS * 1000));
  const onStep = o.onStep;
  if (onStep) {
    for (let k = 0; k < total; k++) {
      sim.step();
      onStep(sim, k, total);
    }
  } else sim.advance(total);
  return summarise(fleet, sim.state, { from: new Date(o.fromMs).toISOString(), to: new Date(sim.tsMs).toISOString() });
}
