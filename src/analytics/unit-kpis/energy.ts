/**
 * Heat and electricity by component, SPF at the SEPEMO boundaries H1–H4 and COP running vs combined
 * (energy.md). Every ratio is Σ heat / Σ electricity over the same samples — never a mean of ratios.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import type { Grid, SlotSeries } from './resample.js';
import type { RunningMask } from './running.js';
import { UNIT_WARNINGS, type UnitWarning } from './warnings.js';
import type { Boundary, BoundaryEnergy, KpiOptions, NullReason, UnitFacts } from './types.js';

/** A per-slot accessor: NaN where the quantity is not known. */
export type Slot = (j: number) => number;

const WS_PER_KWH = 3.6e6;
const S_PER_H = 3600;

export interface ComponentEnergy { readonly kWh: number | null; readonly coveredH: number; readonly reason: NullReason | null }

export interface EnergyResult {
  /** Net metered heat (heatPowerW integrated, defrost draw subtracted), heat-pump share and backup share. */
  readonly heatKWh: { readonly metered: ComponentEnergy; readonly heatPump: ComponentEnergy; readonly backup: ComponentEnergy };
  readonly electricityKWh: {
    readonly compressorH1: ComponentEnergy; readonly unitH2: ComponentEnergy; readonly backup: ComponentEnergy; readonly pump: ComponentEnergy;
    /** Electricity of the running-threshold channel in samples below the threshold. */
    readonly standby: ComponentEnergy;
  };
  readonly spf: Readonly<Record<Boundary, number | null>>;
  readonly boundaries: Readonly<Record<Boundary, BoundaryEnergy>>;
  readonly boundaryAvailable: Readonly<Record<Boundary, boolean>>;
  readonly cop: {
    /** Boundary of the electricity that decides "running" (H2 when the unit meter is reported, else H1). */
    readonly boundary: 'h1' | 'h2' | null;
    readonly running: number | null; readonly combined: number | null; readonly reason: NullReason | null;
    readonly runningH: number; readonly runningHeatKWh: number; readonly runningElectricityKWh: number;
    readonly standbySharePct: number | null;
  };
  /** Assumptions taken (e.g. no backup meter: metered heat taken as heat-pump heat). */
  readonly assumptions: readonly string[];
}

const ZERO: Slot = () => 0;
const of = (s: SlotSeries | undefined): Slot | null => (s ? (j) => s.values[j] as number : null);

function integrate(grid: Grid, parts: readonly Slot[], heat: Slot | null, include: (j: number) => boolean = () => true) {
  let heatWs = 0; let elecWs = 0; let coveredS = 0;
  for (let j = 0; j < grid.slots; j++) {
    if (!include(j)) continue;
    let e = 0;
    let ok = true;
    for (const p of parts) { const v = p(j); if (v !== v) { ok = false; break; } e += v; }
    const h = heat ? heat(j) : 0;
    if (!ok || h !== h) continue;
    const d = grid.durS[j] as number;
    elecWs += e * d; heatWs += h * d; coveredS += d;
  }
  return { heatKWh: heatWs / WS_PER_KWH, electricityKWh: elecWs / WS_PER_KWH, coveredH: coveredS / S_PER_H };
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export interface HeatSlots {
  readonly heatRaw: Slot | null; readonly backupRaw: Slot | null; readonly backup: Slot | null;
  /** Heat-pump heat (H1, H2) and heat of pump plus backup (H3, H4), per slot. */
  readonly hpHeat: Slot | null; readonly totalHeat: Slot | null;
  readonly assumptions: readonly UnitWarning[];
}

/** Splits metered heat into heat-pump and backup heat; backup heat = backup electricity (resistance heater). */
export function heatSlots(grid: Grid, facts: UnitFacts, o: KpiOptions, excluded: ReadonlySet<ChannelKey>): HeatSlots {
  const usable = (k: ChannelKey) => (excluded.has(k) ? undefined : grid.series.get(k));
  const heatRaw = of(usable('heatPowerW'));
  const backupRaw = of(usable('backupPowerW'));
  const assumptions: UnitWarning[] = [];
  const backupKnownZero = !grid.series.has('backupPowerW') && facts.hasNoBackupHeater === true;
  if (!backupRaw && heatRaw && !backupKnownZero) assumptions.push(UNIT_WARNINGS.backupNotReported());
  const backup: Slot | null = backupRaw ?? (backupKnownZero ? ZERO : null);
  const inc = o.heatMeterIncludesBackup;
  const hpHeat: Slot | null = heatRaw ? (backupRaw ? (j) => (inc ? heatRaw(j) - backupRaw(j) : heatRaw(j)) : heatRaw) : null;
  const totalHeat: Slot | null = heatRaw && backup ? (j) => (inc ? heatRaw(j) : heatRaw(j) + backup(j)) : null;
  return { heatRaw, backupRaw, backup, hpHeat, totalHeat, assumptions };
}

export function computeEnergy(grid: Grid, excluded: ReadonlySet<ChannelKey>, run: RunningMask, hs: HeatSlots): EnergyResult {
  const usable = (k: ChannelKey) => (excluded.has(k) ? undefined : grid.series.get(k));
  const reasonFor = (k: ChannelKey, missing: NullReason): NullReason | null =>
    excluded.has(k) ? 'implausible-units' : grid.series.has(k) ? null : missing;
  const { heatRaw, backupRaw, backup, hpHeat, totalHeat, assumptions } = hs;
  const comp = of(usable('compressorPowerW'));
  const unit = of(usable('unitPowerW'));
  const pump = of(usable('pumpPowerW'));
  const heatReason = reasonFor('heatPowerW', 'no-heat-meter');
  const backupReason: NullReason | null = backup ? null : reasonFor('backupPowerW', 'no-backup-meter') ?? 'no-backup-meter';
  const specs: Record<Boundary, { parts: (Slot | null)[]; heat: Slot | null; channels: ChannelKey[]; reasons: (NullReason | null)[] }> = {
    h1: { parts: [comp], heat: hpHeat, channels: ['heatPowerW', 'compressorPowerW'], reasons: [heatReason, reasonFor('compressorPowerW', 'no-compressor-meter')] },
    h2: { parts: [unit], heat: hpHeat, channels: ['heatPowerW', 'unitPowerW'], reasons: [heatReason, reasonFor('unitPowerW', 'no-unit-meter')] },
    h3: { parts: [unit, backup], heat: totalHeat, channels: ['heatPowerW', 'unitPowerW', 'backupPowerW'], reasons: [heatReason, reasonFor('unitPowerW', 'no-unit-meter'), backupReason] },
    h4: { parts: [unit, backup, pump], heat: totalHeat, channels: ['heatPowerW', 'unitPowerW', 'backupPowerW', 'pumpPowerW'], reasons: [heatReason, reasonFor('unitPowerW', 'no-unit-meter'), backupReason, reasonFor('pumpPowerW', 'no-pump-meter')] },
  };
  const boundaries = {} as Record<Boundary, BoundaryEnergy>;
  for (const b of ['h1', 'h2', 'h3', 'h4'] as const) {
    const sp = specs[b];
    const missing = sp.reasons.find((r) => r !== null) ?? null;
    if (missing || !sp.heat || sp.parts.some((p) => p === null)) {
      boundaries[b] = { spf: null, reason: missing ?? 'no-heat-meter', heatKWh: 0, electricityKWh: 0, coveredH: 0, channels: sp.channels };
      continue;
    }
    const r = integrate(grid, sp.parts as Slot[], sp.heat);
    const spf = ratio(r.heatKWh, r.electricityKWh);
    const reason: NullReason | null = r.coveredH === 0 ? 'no-overlapping-samples' : spf === null ? 'zero-electricity' : null;
    boundaries[b] = { spf, reason, ...r, channels: sp.channels };
  }

  const component = (s: Slot | null, k: ChannelKey, missing: NullReason): ComponentEnergy => {
    if (!s) return { kWh: null, coveredH: 0, reason: reasonFor(k, missing) ?? missing };
    const r = integrate(grid, [s], null);
    return { kWh: r.electricityKWh, coveredH: r.coveredH, reason: null };
  };
  const runSlot = run.channel ? of(usable(run.channel)) : null;
  const isRun = (j: number) => run.state[j] === 1;
  const standbyR = runSlot ? integrate(grid, [runSlot], null, (j) => run.state[j] === 0) : null;
  const allR = runSlot ? integrate(grid, [runSlot], null) : null;
  const runR = runSlot && hpHeat ? integrate(grid, [runSlot], hpHeat, isRun) : null;
  const combinedB = run.channel === 'unitPowerW' ? boundaries.h2 : run.channel === 'compressorPowerW' ? boundaries.h1 : null;
  const copReason: NullReason | null = !runSlot ? 'no-unit-meter' : !hpHeat ? heatReason ?? 'no-heat-meter' : runR && runR.coveredH === 0 ? 'no-running-samples' : null;
  const heatOnly = (s: Slot | null, k: ChannelKey) => component(s, k, 'no-heat-meter');
  return {
    heatKWh: { metered: heatOnly(heatRaw, 'heatPowerW'), heatPump: heatOnly(hpHeat, 'heatPowerW'), backup: component(backupRaw, 'backupPowerW', 'no-backup-meter') },
    electricityKWh: {
      compressorH1: component(comp, 'compressorPowerW', 'no-compressor-meter'),
      unitH2: component(unit, 'unitPowerW', 'no-unit-meter'),
      backup: component(backupRaw, 'backupPowerW', 'no-backup-meter'),
      pump: component(pump, 'pumpPowerW', 'no-pump-meter'),
      standby: standbyR ? { kWh: standbyR.electricityKWh, coveredH: standbyR.coveredH, reason: null } : { kWh: null, coveredH: 0, reason: 'no-unit-meter' },
    },
    spf: { h1: boundaries.h1.spf, h2: boundaries.h2.spf, h3: boundaries.h3.spf, h4: boundaries.h4.spf },
    boundaries,
    boundaryAvailable: { h1: boundaries.h1.spf !== null, h2: boundaries.h2.spf !== null, h3: boundaries.h3.spf !== null, h4: boundaries.h4.spf !== null },
    cop: {
      boundary: run.channel === 'unitPowerW' ? 'h2' : run.channel === 'compressorPowerW' ? 'h1' : null,
      running: copReason || !runR ? null : ratio(runR.heatKWh, runR.electricityKWh),
      combined: combinedB?.spf ?? null,
      reason: copReason,
      runningH: runR?.coveredH ?? 0, runningHeatKWh: runR?.heatKWh ?? 0, runningElectricityKWh: runR?.electricityKWh ?? 0,
      standbySharePct: standbyR && allR && allR.electricityKWh > 0 ? (100 * standbyR.electricityKWh) / allR.electricityKWh : null,
    },
    assumptions: assumptions.map((a) => a.text),
  };
}
