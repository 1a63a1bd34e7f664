/**
 * Seasonal figures from the simulation accumulators: SPF at the SEPEMO boundaries (H1 compressor,
 * H2 + fan/controls/standby, H3 + backup heater, H4 + circulation pump), energy by component, load
 * ratio, starts, defrost, comfort. Fleet SPFs are energy-weighted (Σ heat / Σ electricity).
 */
import type { FleetDefinition } from './household.js';
import type { FleetState } from './fleet-state.js';

const J_PER_KWH = 3.6e6;

export interface SpfSet { h1: number | null; h2: number | null; h3: number | null; h4: number | null }
export interface EnergyTotals {
  heatKWh: number; heatPumpHeatKWh: number; backupHeatKWh: number; defrostKWh: number;
  electricityKWh: { compressor: number; fan: number; standby: number; backup: number; pump: number; total: number };
}
export interface UnitSummary extends EnergyTotals {
  id: string; emitter: string; inverter: boolean; capacityKw: number; areaM2: number; envelope: string; unitType: string;
  spf: SpfSet; loadRatio: number | null; compressorStarts: number; startsPerRunningHour: number | null; runningHours: number;
  defrostCycles: number; hoursBelow18C: number; meanIndoorTempC?: number;
  /** Highest total electric power (all components) over one internal step of ≤ 60 s, kW. */
  peakElectricKw: number;
}
export interface SeasonSummary {
  period: { from: string; to: string };
  boundaries: Record<keyof SpfSet, string>;
  fleet: EnergyTotals & { units: number; spf: SpfSet; loadRatio: number | null; compressorStarts: number; hoursBelow18C: number };
  units: UnitSummary[];
}

const ratio = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 1000) / 1000 : null);
const r2 = (v: number) => Math.round(v * 100) / 100;

function spf(t: EnergyTotals): SpfSet {
  const e = t.electricityKWh;
  return {
    h1: ratio(t.heatPumpHeatKWh, e.compressor),
    h2: ratio(t.heatPumpHeatKWh, e.compressor + e.fan + e.standby),
    h3: ratio(t.heatPumpHeatKWh + t.backupHeatKWh, e.compressor + e.fan + e.standby + e.backup),
    h4: ratio(t.heatPumpHeatKWh + t.backupHeatKWh, e.total),
  };
}

export const SPF_BOUNDARIES = {
  h1: 'heat-pump heat / compressor electricity',
  h2: 'heat-pump heat / (compressor + outdoor fan + controls/standby)',
  h3: '(heat-pump + backup heat) / (H2 electricity + backup heater)',
  h4: '(heat-pump + backup heat) / (H3 electricity + circulation pump)',
} as const;

export function summarise(fleet: FleetDefinition, st: FleetState, period: { from: string; to: string }): SeasonSummary {
  const a = st.a;
  const units: UnitSummary[] = fleet.households.map((h, i) => {
    const k = (x: Float64Array) => (x[i] as number) / J_PER_KWH;
    const el = { compressor: k(a.eCompJ), fan: k(a.eFanJ), standby: k(a.eStandbyJ), backup: k(a.eBackupJ), pump: k(a.ePumpJ), total: 0 };
    el.total = el.compressor + el.fan + el.standby + el.backup + el.pump;
    const totals: EnergyTotals = { heatPumpHeatKWh: k(a.heatHpJ), backupHeatKWh: k(a.heatBackupJ), heatKWh: k(a.heatHpJ) + k(a.heatBackupJ), defrostKWh: k(a.defrostJ), electricityKWh: el };
    const runH = (a.runS[i] as number) / 3600;
    const rounded: EnergyTotals = {
      heatKWh: r2(totals.heatKWh), heatPumpHeatKWh: r2(totals.heatPumpHeatKWh), backupHeatKWh: r2(totals.backupHeatKWh), defrostKWh: r2(totals.defrostKWh),
      electricityKWh: Object.fromEntries(Object.entries(el).map(([kk, v]) => [kk, r2(v)])) as EnergyTotals['electricityKWh'],
    };
    return {
      id: h.id, emitter: h.emitter, inverter: h.unit.capacityControl === 'inverter', capacityKw: h.unit.capacityKw, areaM2: h.areaM2,
      envelope: h.envelope, unitType: h.unit.type, ...rounded, spf: spf(totals),
      loadRatio: ratio(a.heatRunJ[i] as number, a.capRunJ[i] as number),
      compressorStarts: a.starts[i] as number, startsPerRunningHour: ratio(a.starts[i] as number, runH), runningHours: r2(runH),
      defrostCycles: a.defrosts[i] as number, hoursBelow18C: r2((a.below18S[i] as number) / 3600),
      peakElectricKw: r2((a.peakElecW[i] as number) / 1000),
    };
  });
  const sum = (f: (i: number) => number) => fleet.households.reduce((s, _, i) => s + f(i), 0);
  const kk = (x: Float64Array) => sum((i) => x[i] as number) / J_PER_KWH;
  const el = { compressor: kk(a.eCompJ), fan: kk(a.eFanJ), standby: kk(a.eStandbyJ), backup: kk(a.eBackupJ), pump: kk(a.ePumpJ), total: 0 };
  el.total = el.compressor + el.fan + el.standby + el.backup + el.pump;
  const ft: EnergyTotals = { heatPumpHeatKWh: kk(a.heatHpJ), backupHeatKWh: kk(a.heatBackupJ), heatKWh: kk(a.heatHpJ) + kk(a.heatBackupJ), defrostKWh: kk(a.defrostJ), electricityKWh: el };
  return {
    period,
    boundaries: SPF_BOUNDARIES,
    fleet: {
      units: units.length,
      heatKWh: r2(ft.heatKWh), heatPumpHeatKWh: r2(ft.heatPumpHeatKWh), backupHeatKWh: r2(ft.backupHeatKWh), defrostKWh: r2(ft.defrostKWh),
      electricityKWh: Object.fromEntries(Object.entries(el).map(([k2, v]) => [k2, r2(v)])) as EnergyTotals['electricityKWh'],
      spf: spf(ft),
      loadRatio: ratio(sum((i) => a.heatRunJ[i] as number), sum((i) => a.capRunJ[i] as number)),
      compressorStarts: sum((i) => a.starts[i] as number),
      hoursBelow18C: r2(sum((i) => a.below18S[i] as number) / 3600 / Math.max(1, units.length)),
    },
    units,
  };
}
