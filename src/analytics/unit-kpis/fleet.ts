/**
 * Fleet aggregation without SQL (fleet.md): energy-weighted fleet SPF from unit results (Σ heat / Σ
 * electricity over units, never a mean of unit SPFs), and the same energy sums from rollup buckets.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import type { UnitKpis } from './compute-unit-kpis.js';
import type { Boundary, NullReason } from './types.js';

/**
 * A rollup bucket as the TelemetryStore port returns it (`RollupRow` in src/app/ports/telemetry-store.ts).
 * Declared here structurally because analytics may depend on the domain only; a RollupRow is assignable.
 */
export interface ChannelAggregate { readonly avg: number; readonly min: number; readonly max: number; readonly n: number }
export interface RollupBucket { readonly bucketStartMs: number; readonly channels: Partial<Record<ChannelKey, ChannelAggregate>> }

const BOUNDARIES: readonly Boundary[] = ['h1', 'h2', 'h3', 'h4'];

export interface FleetBoundary {
  readonly spf: number | null;
  readonly heatKWh: number;
  readonly electricityKWh: number;
  /** Units whose boundary was computable and entered the sums. */
  readonly units: number;
  /** Units left out, with the reason their boundary was not computable. */
  readonly excluded: readonly { readonly unitId: string; readonly reason: NullReason | null }[];
}
export type FleetSpfResult = Readonly<Record<Boundary, FleetBoundary>>;

export function fleetSpf(units: readonly UnitKpis[]): FleetSpfResult {
  const out = {} as Record<Boundary, FleetBoundary>;
  for (const b of BOUNDARIES) {
    let heat = 0; let elec = 0; let n = 0;
    const excluded: { unitId: string; reason: NullReason | null }[] = [];
    for (const u of units) {
      const e = u.energy.boundaries[b];
      if (e.spf === null) { excluded.push({ unitId: u.unitId, reason: e.reason }); continue; }
      heat += e.heatKWh; elec += e.electricityKWh; n++;
    }
    out[b] = { spf: elec > 0 ? heat / elec : null, heatKWh: heat, electricityKWh: elec, units: n, excluded };
  }
  return out;
}

/** KPIs that need raw (or resampled) data: a bucket's mean, min and max cannot give them. */
export const RAW_ONLY_KPIS = {
  copRunning: 'running vs standby is decided per sample; a bucket mean mixes both',
  starts: 'starts and on-times need the sequence of samples',
  defrost: 'a bucket mean nets negative heat against positive heat (min < 0 only shows that a defrost happened)',
  heatMeterFault: 'needs heat, ΔT and flow of the same sample',
  carnotPct: 'needs electricity × ideal COP per sample',
  heatWeightedFlow: 'needs flow × heat per sample',
  loadRatio: 'needs the running time',
  comfortHoursBelow: 'min/max only bound the time below target',
  plausibility: 'the median of positive samples needs the samples',
} as const;

export interface RollupBoundary { readonly spf: number | null; readonly heatKWh: number; readonly electricityKWh: number; readonly coveredH: number; readonly reason: NullReason | null }
export interface RollupEnergy {
  readonly bucketsUsed: number;
  readonly bucketsSkipped: number;
  readonly componentKWh: Readonly<Partial<Record<'heatPowerW' | 'unitPowerW' | 'compressorPowerW' | 'backupPowerW' | 'pumpPowerW', number>>>;
  readonly boundaries: Readonly<Record<Boundary, RollupBoundary>>;
}

const POWER = ['heatPowerW', 'unitPowerW', 'compressorPowerW', 'backupPowerW', 'pumpPowerW'] as const;
const NEEDS: Record<Boundary, readonly (typeof POWER)[number][]> = {
  h1: ['heatPowerW', 'compressorPowerW'], h2: ['heatPowerW', 'unitPowerW'],
  h3: ['heatPowerW', 'unitPowerW', 'backupPowerW'], h4: ['heatPowerW', 'unitPowerW', 'backupPowerW', 'pumpPowerW'],
};
const MISSING: Record<(typeof POWER)[number], NullReason> = {
  heatPowerW: 'no-heat-meter', unitPowerW: 'no-unit-meter', compressorPowerW: 'no-compressor-meter', backupPowerW: 'no-backup-meter', pumpPowerW: 'no-pump-meter',
};

/**
 * Energy by boundary from rollup buckets of one unit. A channel's bucket counts when its readings cover the
 * bucket up to at most one bridgeable gap: n · readingIntervalS ≥ bucketS − bridgeGapS (the raw engine's
 * rule, applied to counts; approximate because the missing time may be spread over several short gaps).
 * Energy = mean power × bucket duration (rollup means are count-weighted, so regular sampling is assumed).
 */
export function energyFromRollups(rows: readonly RollupBucket[], o: { bucketS: number; readingIntervalS: number; bridgeGapS?: number; heatMeterIncludesBackup?: boolean }): RollupEnergy {
  const bridge = o.bridgeGapS ?? 900;
  const inc = o.heatMeterIncludesBackup ?? true;
  const ok = (a: ChannelAggregate | undefined): a is ChannelAggregate => a !== undefined && a.n * o.readingIntervalS >= o.bucketS - bridge;
  const comp: Partial<Record<(typeof POWER)[number], number>> = {};
  const sums = Object.fromEntries(BOUNDARIES.map((b) => [b, { heat: 0, elec: 0, s: 0 }])) as Record<Boundary, { heat: number; elec: number; s: number }>;
  const seen = new Set<ChannelKey>();
  let used = 0;
  for (const row of rows) {
    let any = false;
    const kwh: Partial<Record<(typeof POWER)[number], number>> = {};
    for (const k of POWER) {
      const a = row.channels[k];
      if (a) seen.add(k);
      if (!ok(a)) continue;
      any = true;
      kwh[k] = (a.avg * o.bucketS) / 3.6e6;
      comp[k] = (comp[k] ?? 0) + (kwh[k] as number);
    }
    if (any) used++;
    for (const b of BOUNDARIES) {
      if (!NEEDS[b].every((k) => kwh[k] !== undefined)) continue;
      const backup = kwh.backupPowerW ?? 0;
      const metered = kwh.heatPowerW as number;
      const heat = b === 'h1' || b === 'h2' ? (inc ? metered - backup : metered) : inc ? metered : metered + backup;
      const elec = NEEDS[b].slice(1).reduce((s, k) => s + (kwh[k] as number), 0);
      sums[b].heat += heat; sums[b].elec += elec; sums[b].s += o.bucketS;
    }
  }
  const boundaries = {} as Record<Boundary, RollupBoundary>;
  for (const b of BOUNDARIES) {
    const m = NEEDS[b].find((k) => !seen.has(k));
    const t = sums[b];
    const spf = t.elec > 0 ? t.heat / t.elec : null;
    const reason: NullReason | null = m ? MISSING[m] : t.s === 0 ? 'no-overlapping-samples' : spf === null ? 'zero-electricity' : null;
    boundaries[b] = { spf: reason ? null : spf, heatKWh: t.heat, electricityKWh: t.elec, coveredH: t.s / 3600, reason };
  }
  return { bucketsUsed: used, bucketsSkipped: rows.length - used, componentKWh: comp, boundaries };
}
