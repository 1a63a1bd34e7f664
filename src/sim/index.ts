/**
 * heatfleet's digital twin: weather, buildings, heat pumps, emitters, controls and fleets — pure, no I/O.
 * Callers read files themselves and pass text in (parseEpw), then simulate.
 */
export { parseEpw, type WeatherSeries, type WeatherLocation } from './epw.js';
export { sampleWeather, emptyWeatherSample, slotMidWeather, meanAirTempC, type WeatherSample } from './weather-sampler.js';
export { generateFleet, generateHousehold, FleetSpecSchema, PRESETS, type FleetSpec, type PresetName } from './fleet-generator.js';
export {
  HouseholdSchema, FleetDefinitionSchema, ENVELOPE_CLASSES, SIM_EMITTERS, parseOrThrow,
  type HouseholdDefinition, type FleetDefinition, type UnitDefinition, type BuildingParams, type EnvelopeClass, type SimEmitter, type HouseholdLabels,
} from './household.js';
export { createFleetSimulation, MAX_INTERNAL_STEP_S, type FleetSimulation, type FleetSimulationOptions } from './fleet-simulation.js';
export { summarise, SPF_BOUNDARIES, type SeasonSummary, type UnitSummary, type SpfSet } from './season-summary.js';
export { simulateSeason, type SeasonRunOptions } from './season-run.js';
export { compareWhatIf, type WhatIfChange, type WhatIfResult } from './what-if.js';
export { buildingThermal, designLoadW, timeConstantsH, ENVELOPE_TEMPLATES, type BuildingThermal } from './building-model.js';
export { PERFORMANCE_MAPS, PERFORMANCE_MAP_IDS, performanceMap } from './heat-pump-catalogue.js';
export { copAt, capacityFactor, buildPerformanceMap, type PerformanceMap, type PerformanceMapSpec } from './heat-pump-map.js';
export { SG_STATES, type SgState } from './controls.js';
export { mulberry32, childSeed, type Rng } from './rng.js';
export { registryBuildingOf, registryUnitOf, householdFromRegistry, type TypicalHouseholdAssumptions } from './registry-mapping.js';
export { recordPosition } from './weather-sampler.js';
