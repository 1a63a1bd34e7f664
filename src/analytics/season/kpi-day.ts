/**
 * The per-unit, per-local-day KPI aggregate (season-report.md): additive sufficient statistics from which
 * `composeSeasonKpis` rebuilds every `UnitKpis` figure over any range of whole local days. The store computes
 * them with the build parameters below; the names are shared with the storage adapter that fills them.
 *
 * Variants: a figure whose definition depends on which channels the *report period* holds (a backup meter,
 * a unit meter, a `compressorOn` flag, a `defrost` flag, the source temperature channel) is stored once per
 * possible choice; the composition picks the one the engine would pick for that period.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import { CHANNEL_KEYS } from '../../domain/telemetry-channels.js';
import type { KpiOptions } from '../unit-kpis/types.js';

/** Local days: day index = floor((utcMs + offset) / 86 400 000); the day starts at index·86 400 000 − offset. */
export const MS_PER_DAY = 86_400_000;
export const SLOTS_PER_DAY = 1440;

/** Options the day aggregates are built with; a report asking for others cannot be composed from them. */
export const KPI_DAY_BUILD_OPTIONS = {
  intervalS: 60,
  bridgeGapS: 900,
  runningThresholdW: 100,
  targetIndoorC: 18,
  shortCycleMaxOnS: 600,
  heatFaultMinDeltaTK: 1.5,
  heatFaultMinFlowC: 30,
  heatFaultMinEpisodeS: 600,
  kwAsWMedianW: 5,
  localUtcOffsetH: 8,
  heatMeterIncludesBackup: true,
} as const satisfies Partial<KpiOptions>;

export const localDayOf = (utcMs: number, utcOffsetH: number = KPI_DAY_BUILD_OPTIONS.localUtcOffsetH): number =>
  Math.floor((utcMs + utcOffsetH * 3_600_000) / MS_PER_DAY);
export const localDayStartMs = (day: number, utcOffsetH: number = KPI_DAY_BUILD_OPTIONS.localUtcOffsetH): number =>
  day * MS_PER_DAY - utcOffsetH * 3_600_000;

/** Heat-pump heat: metered heat minus backup (a backup meter in the period) or metered heat alone. */
export const HP_VARIANTS = ['hb', 'h'] as const;
/** Electricity that decides "running": unit meter (H2) or compressor meter (H1). */
export const RUN_VARIANTS = ['u', 'c'] as const;
/** Compressor state for starts and cycles: `compressorOn` flag, or one of the electric running states. */
export const CYCLE_VARIANTS = ['on', 'u', 'c'] as const;
/** Defrost state: `defrost` flag, or negative heat. */
export const DEFROST_VARIANTS = ['flag', 'neg'] as const;
/** Source temperature for % of Carnot: outdoor air, or the source inlet (ground/water sources). */
export const SOURCE_VARIANTS = ['out', 'src'] as const;
export const REGISTERS = ['unit', 'comp', 'backup', 'pump', 'heat'] as const;
export const KW_AS_W_STAT_CHANNELS = ['unit', 'comp', 'backup', 'heat'] as const;

export type HpVariant = (typeof HP_VARIANTS)[number];
export type RunVariant = (typeof RUN_VARIANTS)[number];
export type CycleVariant = (typeof CYCLE_VARIANTS)[number];
export type DefrostVariant = (typeof DEFROST_VARIANTS)[number];
export type SourceVariant = (typeof SOURCE_VARIANTS)[number];
export type RegisterName = (typeof REGISTERS)[number];

export const REGISTER_CHANNELS: Readonly<Record<RegisterName, { register: ChannelKey; power: ChannelKey }>> = {
  unit: { register: 'unitEnergyKWh', power: 'unitPowerW' },
  comp: { register: 'compressorEnergyKWh', power: 'compressorPowerW' },
  backup: { register: 'backupEnergyKWh', power: 'backupPowerW' },
  pump: { register: 'pumpEnergyKWh', power: 'pumpPowerW' },
  heat: { register: 'heatEnergyKWh', power: 'heatPowerW' },
};

/** Name of a channel in stat names: its snake_case key (`heatPowerW` → `heat_power_w`). */
export const statChannel = (key: ChannelKey): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

const cross = <A extends string, B extends string>(as: readonly A[], bs: readonly B[]) => as.flatMap((a) => bs.map((b) => [a, b] as const));

/**
 * Every numeric statistic of a day, in a fixed order. Units: `_ws` watt-seconds, `_s` seconds, `_ks` kelvin-
 * seconds, `_n` counts of 1-minute slots, registers in kWh; `_first`/`_last` states are 1, 0 or −1 (unknown).
 */
export const KPI_DAY_STATS: readonly string[] = [
  'readings_n',
  // energy by component: Σ P·d and covered seconds
  ...['heat', 'comp', 'unit', 'backup', 'pump'].flatMap((c) => [`${c}_ws`, `${c}_s`]),
  'hp_hb_ws', 'hp_hb_s',
  // boundaries: heat, electricity, seconds over the slots holding every channel of the boundary
  ...['b1_hb', 'b1_h', 'b2_hb', 'b2_h', 'b3_raw', 'b4_raw', 'b4_zero'].flatMap((b) => [`${b}_heat_ws`, `${b}_elec_ws`, `${b}_s`]),
  ...RUN_VARIANTS.flatMap((r) => [`sb_${r}_ws`, `sb_${r}_s`]),
  ...cross(HP_VARIANTS, RUN_VARIANTS).flatMap(([h, r]) => [`run_${h}_${r}_heat_ws`, `run_${h}_${r}_elec_ws`, `run_${h}_${r}_s`]),
  ...HP_VARIANTS.flatMap((h) => [`tw_${h}_q`, `tw_${h}_qf`, `tw_${h}_qdt_q`, `tw_${h}_qdt`]),
  ...cross(HP_VARIANTS, RUN_VARIANTS).flatMap(([h, r]) => SOURCE_VARIANTS.flatMap((s) => [`cn_${h}_${r}_${s}_heat`, `cn_${h}_${r}_${s}_ideal`])),
  'neg_ws', 'pos_ws',
  ...DEFROST_VARIANTS.flatMap((f) => [`df_${f}_ep`, `df_${f}_s`, `df_${f}_first`, `df_${f}_last`]),
  ...CYCLE_VARIANTS.flatMap((v) => [
    `cy_${v}_starts`, `cy_${v}_run_s`, `cy_${v}_first`, `cy_${v}_last`, `cy_${v}_complete`, `cy_${v}_short`,
    `cy_${v}_lead_n`, `cy_${v}_lead_aft`, `cy_${v}_tail_n`, `cy_${v}_tail_bef`,
  ]),
  ...RUN_VARIANTS.flatMap((r) => [`ft_${r}_ep`, `ft_${r}_s`, `ft_${r}_elec_ws`, `ft_${r}_lead_n`, `ft_${r}_lead_elec_ws`, `ft_${r}_tail_n`, `ft_${r}_tail_elec_ws`]),
  ...Array.from({ length: 24 }, (_, h) => [`cf_cov_s_${h}`, `cf_below_s_${h}`, `cf_dh_ks_${h}`]).flat(),
  'cf_t_ks', 'out_t_ks', 'out_s',
  ...CHANNEL_KEYS.flatMap((k) => [`cov_${statChannel(k)}_m`, `cov_${statChannel(k)}_b`]),
  ...KW_AS_W_STAT_CHANNELS.flatMap((c) => [`kw_${c}_pos`, `kw_${c}_low`, `kw_${c}_run`]),
  ...REGISTERS.flatMap((r) => [
    `rg_${r}_n`, `rg_${r}_first_v`, `rg_${r}_last_v`, `rg_${r}_back`, `rg_${r}_pairs`, `rg_${r}_dreg`, `rg_${r}_net_ws`, `rg_${r}_pos_ws`,
    `rg_${r}_lead_cov`, `rg_${r}_lead_net_ws`, `rg_${r}_lead_pos_ws`, `rg_${r}_tail_cov`, `rg_${r}_tail_net_ws`, `rg_${r}_tail_pos_ws`,
  ]),
];

/** One unit's aggregate for one local day (rows exist only for days with at least one reading of the unit). */
export interface KpiDay {
  readonly unitId: string;
  /** Local day index (see `localDayOf`). */
  readonly day: number;
  /** Every name of KPI_DAY_STATS; a statistic without samples is 0 (states: −1). */
  readonly stats: Readonly<Record<string, number>>;
  /** Lengths (min) of the complete on-times that lie inside the day, per cycle variant (for the median). */
  readonly onTimesMin: Readonly<Record<CycleVariant, readonly number[]>>;
}
