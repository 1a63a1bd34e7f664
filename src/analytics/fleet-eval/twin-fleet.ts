/**
 * Twin-generated fleets for the fleet-evaluation tests, where the truth is known: the twin simulates the
 * households (optionally changed: a wrong heating curve, a broken heat meter), their telemetry goes
 * through the real KPI engine, and the registry view of each household is what the evaluation sees.
 */
import type { Building, HeatPumpUnit, Site } from '../../domain/registry.js';
import type { ChannelValues, Reading } from '../../domain/telemetry-channels.js';
import { createFleetSimulation, registryBuildingOf, registryUnitOf, type FleetDefinition, type HouseholdDefinition, type WeatherSeries } from '../../sim/index.js';
import { computeUnitKpis } from '../unit-kpis/index.js';
import type { EvaluatedUnit } from './evaluated-unit.js';

export interface TwinFleetRun {
  readonly units: (EvaluatedUnit & { building: Building })[];
  readonly readings: ReadonlyMap<string, Reading[]>;
}

/**
 * Simulates `fleet` (the households as they really are) over [fromMs, toMs) at `stepS`, applies
 * `corrupt` to each unit's readings (a metering fault), and returns the units as the registry knows them
 * (`registryOf`: the household the registry describes, by default the same one).
 */
export function runTwinFleet(
  fleet: FleetDefinition, weather: WeatherSeries, period: { fromMs: number; toMs: number }, stepS: number,
  opts: { corrupt?: (unitId: string, r: Reading[]) => Reading[]; registryOf?: (h: HouseholdDefinition) => HouseholdDefinition } = {},
): TwinFleetRun {
  const sim = createFleetSimulation(fleet, weather, { startMs: period.fromMs, stepS });
  const readings = new Map<string, Reading[]>(fleet.households.map((h) => [h.id, []]));
  const steps = Math.round((period.toMs - period.fromMs) / (stepS * 1000));
  // The snapshot at the end of a step holds that step's mean power; the KPI engine holds a value over the slot starting at its
  // time stamp. So a reading is stamped at the step's start with the step's powers and the registers as they stood at the start.
  const registers = (v: ChannelValues) => Object.fromEntries(Object.entries(v).filter(([key]) => key.endsWith('EnergyKWh'))) as ChannelValues;
  let atStart = Array.from({ length: sim.size }, (_, i) => registers(sim.channels(i)));
  for (let k = 0; k < steps; k++) {
    sim.step();
    const next: ChannelValues[] = [];
    for (let i = 0; i < sim.size; i++) {
      const values = sim.channels(i);
      next.push(registers(values));
      (readings.get(sim.ids[i] as string) as Reading[]).push({ unitId: sim.ids[i] as string, tsMs: sim.tsMs - stepS * 1000, values: { ...values, ...atStart[i] } });
    }
    atStart = next;
  }
  const units = fleet.households.map((h) => {
    const reg = opts.registryOf ? opts.registryOf(h) : h;
    const ids = { unitId: h.id, siteId: `site-${h.id}` };
    const unit: HeatPumpUnit = registryUnitOf(reg, ids);
    const building = registryBuildingOf(reg, { buildingId: `b-${h.id}`, siteId: ids.siteId });
    const site: Site = { id: ids.siteId, kind: 'household', name: h.id, villageId: 'twin-village', operatorOrgId: 'op' };
    const own = opts.corrupt ? opts.corrupt(h.id, readings.get(h.id) as Reading[]) : (readings.get(h.id) as Reading[]);
    readings.set(h.id, own);
    const kpis = computeUnitKpis(own, { unitId: h.id, nominalCapacityKw: unit.nominalCapacityKw, type: unit.type, emitter: unit.emitter }, period, { intervalS: stepS });
    return { unit, building, site, kpis };
  });
  return { units, readings };
}
