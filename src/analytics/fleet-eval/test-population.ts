/** Hand-built units for the fleet-evaluation tests: minute telemetry with a chosen SPF, coverage and faults, through the real KPI engine. */
import type { HeatPumpUnit, Site } from '../../domain/registry.js';
import type { ChannelValues, Reading } from '../../domain/telemetry-channels.js';
import { computeUnitKpis } from '../unit-kpis/index.js';
import type { EvaluatedUnit } from './evaluated-unit.js';
import type { ExpectedFigures } from './expected-performance.js';
import { SPF_BOUNDARIES } from '../../sim/index.js';

export const T0_MS = Date.parse('2019-01-10T00:00:00+08:00');
export const MINUTES = 120;
export const PERIOD = { fromMs: T0_MS, toMs: T0_MS + MINUTES * 60_000 };

/** The twin's expectation for a healthy unit at SPF 3 over the test period (hand-built). */
export const HEALTHY_EXPECTED: ExpectedFigures = {
  spf: { h1: 3.2, h2: 3, h3: 3, h4: 2.9 }, boundaries: SPF_BOUNDARIES,
  heatKWh: 6, heatPumpHeatKWh: 6, backupHeatKWh: 0, defrostKWh: 0.03,
  electricityKWh: { compressor: 1.8, fan: 0.15, standby: 0.05, backup: 0, pump: 0.06, h2: 2, h4: 2.06 },
  startsPerRunningHour: 0.5, runningH: 2, loadRatio: 0.6, heatWeightedFlowC: 40, carnotPct: 45, hoursBelowTarget: 0, targetIndoorC: 18,
  defrostSharePct: 0.5, pumpSharePct: 3, backupSharePct: 0,
};

export interface UnitSpec {
  readonly id: string;
  readonly spf: number;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly emitter?: HeatPumpUnit['emitter'];
  readonly control?: HeatPumpUnit['capacityControl'];
  readonly capacityKw?: number;
  readonly installedOn?: string;
  readonly villageId?: string;
  /** Share of the period with readings (the rest is one gap at the end, too long to bridge). */
  readonly coverage?: number;
  /** Heat meter reads 0 for the second hour while the unit runs with a temperature rise. */
  readonly heatMeterFault?: boolean;
  readonly indoorC?: number;
  /** Fault code reported in minutes [from, to). */
  readonly fault?: { readonly code: string; readonly from: number; readonly to: number };
  /** Channel values to override in minute k (null drops the reading). */
  readonly minute?: (k: number) => ChannelValues | null;
}

export function buildUnit(s: UnitSpec): { evaluated: EvaluatedUnit; readings: Reading[] } {
  const unit: HeatPumpUnit = {
    id: s.id, siteId: `site-${s.id}`, type: 'air-to-water', manufacturer: s.manufacturer ?? 'Acme', model: s.model ?? 'A1', nominalCapacityKw: s.capacityKw ?? 10,
    capacityControl: s.control ?? 'inverter', refrigerant: 'R410A', installedOn: s.installedOn ?? '2017-10-15', emitter: s.emitter ?? 'floor',
  };
  const site: Site = { id: unit.siteId, kind: 'household', name: s.id, villageId: s.villageId ?? 'v1', operatorOrgId: 'op', programmeId: 'p2017' };
  const withData = Math.round(MINUTES * (s.coverage ?? 1));
  const readings: Reading[] = [];
  for (let k = 0; k < withData; k++) {
    const heat = s.heatMeterFault && k >= 60 ? 0 : s.spf * 1000;
    const extra = s.minute ? s.minute(k) : {};
    if (extra === null) continue;
    const values = { unitPowerW: 1000, heatPowerW: heat, supplyTempC: 40, returnTempC: 35, outdoorTempC: 0, indoorTempC: s.indoorC ?? 20, ...extra };
    const fault = s.fault && k >= s.fault.from && k < s.fault.to ? s.fault.code : undefined;
    readings.push(fault ? { unitId: s.id, tsMs: T0_MS + k * 60_000, values, faultCode: fault } : { unitId: s.id, tsMs: T0_MS + k * 60_000, values });
  }
  const kpis = computeUnitKpis(readings, { unitId: s.id, nominalCapacityKw: unit.nominalCapacityKw, type: unit.type, emitter: unit.emitter, hasNoBackupHeater: true }, PERIOD);
  return { evaluated: { unit, site, kpis }, readings };
}

export const population = (specs: readonly UnitSpec[]): EvaluatedUnit[] => specs.map((s) => buildUnit(s).evaluated);
