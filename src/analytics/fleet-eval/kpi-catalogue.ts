/**
 * The KPIs a fleet table, distribution or comparison can show, each with its label, unit and SEPEMO
 * boundary (where it has one), read from `UnitKpis`. One list, so every table labels a figure the same way.
 */
import type { Boundary, UnitKpis } from '../unit-kpis/index.js';
import { unitCoveragePct } from './evaluated-unit.js';

export interface KpiSpec {
  readonly label: string;
  readonly unit: string;
  readonly boundary: Boundary | null;
  readonly get: (k: UnitKpis) => number | null;
}

const spf = (b: Boundary): KpiSpec => ({ label: `SPF ${b.toUpperCase()}`, unit: '-', boundary: b, get: (k) => k.spf[b] });

export const KPI_CATALOGUE = {
  spfH1: spf('h1'), spfH2: spf('h2'), spfH3: spf('h3'), spfH4: spf('h4'),
  copRunning: { label: 'COP when running', unit: '-', boundary: null, get: (k) => k.energy.cop.running },
  heatKWh: { label: 'heat (metered)', unit: 'kWh', boundary: null, get: (k) => k.energy.heatKWh.metered.kWh },
  electricityH2KWh: { label: 'electricity, unit', unit: 'kWh', boundary: 'h2', get: (k) => k.energy.electricityKWh.unitH2.kWh },
  backupElectricityKWh: { label: 'electricity, backup heater', unit: 'kWh', boundary: null, get: (k) => k.energy.electricityKWh.backup.kWh },
  pumpElectricityKWh: { label: 'electricity, circulation pump', unit: 'kWh', boundary: null, get: (k) => k.energy.electricityKWh.pump.kWh },
  defrostSharePct: { label: 'defrost energy / heat', unit: '%', boundary: null, get: (k) => k.defrost.shareOfHeatPct },
  startsPerRunningHour: { label: 'compressor starts per running hour', unit: '1/h', boundary: null, get: (k) => k.cycling.startsPerRunningHour },
  shortCycles: { label: 'short cycles', unit: 'count', boundary: null, get: (k) => k.cycling.shortCycles },
  loadRatio: { label: 'load ratio (vs nominal capacity)', unit: '-', boundary: null, get: (k) => k.loadRatio.value },
  flowTempC: { label: 'flow temperature, heat-weighted', unit: '°C', boundary: null, get: (k) => k.temperatures.heatWeightedFlowC },
  deltaTK: { label: 'flow − return, heat-weighted', unit: 'K', boundary: null, get: (k) => k.temperatures.heatWeightedDeltaTK },
  carnotPct: { label: '% of Carnot', unit: '%', boundary: null, get: (k) => k.temperatures.carnotPct },
  hoursBelowTarget: { label: 'hours below target indoor temperature', unit: 'h', boundary: null, get: (k) => (k.comfort.reason ? null : k.comfort.hoursBelow) },
  degreeHoursBelowKh: { label: 'degree-hours below target', unit: 'K·h', boundary: null, get: (k) => (k.comfort.reason ? null : k.comfort.degreeHoursBelowKh) },
  meanIndoorC: { label: 'mean indoor temperature', unit: '°C', boundary: null, get: (k) => k.comfort.meanIndoorC },
  meanOutdoorC: { label: 'mean outdoor temperature', unit: '°C', boundary: null, get: (k) => k.weather.meanOutdoorC },
  hddKd: { label: 'heating degree days', unit: 'K·d', boundary: null, get: (k) => k.weather.hddKd },
  heatPerHddKWhPerKd: { label: 'heat per degree day', unit: 'kWh/(K·d)', boundary: null, get: (k) => k.weather.heatPerHddKWhPerKd },
  coveragePct: { label: 'coverage (min of heat and unit meter)', unit: '%', boundary: null, get: (k) => unitCoveragePct(k) },
} as const satisfies Record<string, KpiSpec>;

export type KpiKey = keyof typeof KPI_CATALOGUE;
export const KPI_KEYS = Object.keys(KPI_CATALOGUE) as [KpiKey, ...KpiKey[]];
