/**
 * Season report from day aggregates (season-report.md): the same `UnitKpis` as `computeUnitKpis` over whole
 * local days, composed from `KpiDay` rows instead of raw readings. Pure; O(days) per unit.
 */
import { heatPumpType } from '../../domain/heat-pump-types.js';
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import type { UnitKpis } from '../unit-kpis/compute-unit-kpis.js';
import { KEY_CHANNELS } from '../unit-kpis/coverage.js';
import type { ComponentEnergy, EnergyResult } from '../unit-kpis/energy.js';
import { resolveOptions } from '../unit-kpis/options.js';
import { KW_AS_W_CHANNELS, KW_AS_W_MIN_CAPACITY_KW } from '../unit-kpis/plausibility.js';
import { UNIT_WARNINGS, warningList } from '../unit-kpis/warnings.js';
import type { Boundary, BoundaryEnergy, ChannelCoverage, KpiOptions, NullReason, PlausibilityFlag, UnitFacts } from '../unit-kpis/types.js';
import { chainCycles, chainDefrostEpisodes, chainHeatFault, chainStarts, dayStat, type DaySeq } from './day-chains.js';
import { KPI_DAY_BUILD_OPTIONS, localDayOf, localDayStartMs, statChannel, type CycleVariant, type KpiDay, type RunVariant } from './kpi-day.js';
import { composeRegisters } from './compose-registers.js';
import { CHANNEL_KEYS } from '../../domain/telemetry-channels.js';
import { composeComfort, composeDegreeDays, markNoData } from './compose-weather.js';

const WS_PER_KWH = 3.6e6;
const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Options the aggregates were built with must match: any other value needs the raw engine (a programming error here). */
function checkOptions(o: KpiOptions): void {
  for (const [k, built] of Object.entries(KPI_DAY_BUILD_OPTIONS)) {
    const asked = o[k as keyof KpiOptions];
    if (asked !== built) throw new Error(`season KPIs: option ${k} = ${String(asked)} differs from the day aggregates' ${String(built)}; use computeUnitKpis on raw readings`);
  }
}

/** A period of whole local days: [fromMs, toMs) must start and end at local midnight. */
export function periodDays(period: { fromMs: number; toMs: number }): { fromDay: number; toDay: number } {
  const { fromMs, toMs } = period;
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) throw new Error(`season KPIs: period [${fromMs}, ${toMs}) is empty or not a time range`);
  const fromDay = localDayOf(fromMs);
  const toDay = localDayOf(toMs);
  if (localDayStartMs(fromDay) !== fromMs || localDayStartMs(toDay) !== toMs) {
    throw new Error(`season KPIs: period ${new Date(fromMs).toISOString()}…${new Date(toMs).toISOString()} must start and end at local midnight (UTC+${KPI_DAY_BUILD_OPTIONS.localUtcOffsetH})`);
  }
  return { fromDay, toDay };
}

/** Every unit's KPIs over the period: `days` may hold many units in any order; one result per entry of `facts`. */
export function seasonKpis(days: readonly KpiDay[], facts: readonly UnitFacts[], period: { fromMs: number; toMs: number }, options: Partial<KpiOptions> = {}): UnitKpis[] {
  const byUnit = new Map<string, KpiDay[]>();
  for (const d of days) {
    let list = byUnit.get(d.unitId);
    if (!list) { list = []; byUnit.set(d.unitId, list); }
    list.push(d);
  }
  return facts.map((f) => composeUnitKpis(byUnit.get(f.unitId) ?? [], f, period, options));
}

/** One unit's KPIs over whole local days from its day aggregates (other units' rows are ignored). */
export function composeUnitKpis(days: readonly KpiDay[], facts: UnitFacts, period: { fromMs: number; toMs: number }, options: Partial<KpiOptions> = {}): UnitKpis {
  const o = resolveOptions(options);
  checkOptions(o);
  if (!(facts.nominalCapacityKw > 0)) throw new Error(`season KPIs: ${facts.unitId} nominal capacity ${facts.nominalCapacityKw} kW must be positive`);
  const { fromDay, toDay } = periodDays(period);
  const seq: (KpiDay | null)[] = new Array<KpiDay | null>(toDay - fromDay).fill(null);
  for (const d of days) if (d.unitId === facts.unitId && d.day >= fromDay && d.day < toDay) seq[d.day - fromDay] = d;
  const rows = seq.filter((d): d is KpiDay => d !== null);
  const S = (name: string) => rows.reduce((a, d) => a + dayStat(d, name), 0);
  const slots = ((toDay - fromDay) * 86_400) / o.intervalS;
  const has = (k: ChannelKey) => S(`cov_${statChannel(k)}_m`) > 0;
  const { add, texts: warnings, refs: warningRefs } = warningList();

  // kW sent as W: "median of positive values < limit" ⇔ more than half of them below the limit (ties at an even count excepted).
  const kwName = { unitPowerW: 'unit', compressorPowerW: 'comp', backupPowerW: 'backup', heatPowerW: 'heat' } as const;
  const suspect = (k: keyof typeof kwName) => S(`kw_${kwName[k]}_pos`) > 0 && S(`kw_${kwName[k]}_low`) * 2 > S(`kw_${kwName[k]}_pos`);
  const partners: Partial<Record<ChannelKey, readonly (keyof typeof kwName)[]>> = { unitPowerW: ['heatPowerW'], compressorPowerW: ['heatPowerW'], heatPowerW: ['unitPowerW', 'compressorPowerW'] };
  const flags: PlausibilityFlag[] = [];
  if (facts.nominalCapacityKw >= KW_AS_W_MIN_CAPACITY_KW) for (const k of KW_AS_W_CHANNELS) {
    if (!suspect(k)) continue;
    const partner = (partners[k] ?? []).find((p) => has(p) && !suspect(p));
    if (partner !== undefined && S(`kw_${kwName[partner]}_run`) === 0) continue;
    // The median itself is not kept by the day aggregates; the limit is an upper bound of it.
    flags.push({ channel: k, code: 'looks-like-kw-sent-as-w', medianPositiveW: o.kwAsWMedianW });
    add(UNIT_WARNINGS.kwSentAsWDayAggregates(k, o.kwAsWMedianW));
  }
  const excluded = new Set<ChannelKey>(flags.map((f) => f.channel));
  const usable = (k: ChannelKey) => has(k) && !excluded.has(k);
  const reasonFor = (k: ChannelKey, missing: NullReason): NullReason | null => (excluded.has(k) ? 'implausible-units' : has(k) ? null : missing);

  const runV: RunVariant | null = usable('unitPowerW') ? 'u' : usable('compressorPowerW') ? 'c' : null;
  const runChannel: ChannelKey | null = runV === 'u' ? 'unitPowerW' : runV === 'c' ? 'compressorPowerW' : null;
  const cycV: CycleVariant | null = has('compressorOn') ? 'on' : runV;
  const heatUsable = usable('heatPowerW');
  const backupRaw = usable('backupPowerW');
  const backupKnownZero = !has('backupPowerW') && facts.hasNoBackupHeater === true;
  const h = backupRaw ? 'hb' : 'h';
  if (!backupRaw && heatUsable && !backupKnownZero) add(UNIT_WARNINGS.backupNotReported());

  const comp = (ok: boolean, ws: string, s: string, k: ChannelKey, missing: NullReason): ComponentEnergy =>
    ok ? { kWh: S(ws) / WS_PER_KWH, coveredH: S(s) / 3600, reason: null } : { kWh: null, coveredH: 0, reason: reasonFor(k, missing) ?? missing };
  const heatReason = reasonFor('heatPowerW', 'no-heat-meter');
  const backupReason: NullReason | null = backupRaw || backupKnownZero ? null : reasonFor('backupPowerW', 'no-backup-meter') ?? 'no-backup-meter';
  const specs: Record<Boundary, { stat: string; ok: boolean; channels: ChannelKey[]; reasons: (NullReason | null)[] }> = {
    h1: { stat: `b1_${h}`, ok: usable('compressorPowerW'), channels: ['heatPowerW', 'compressorPowerW'], reasons: [heatReason, reasonFor('compressorPowerW', 'no-compressor-meter')] },
    h2: { stat: `b2_${h}`, ok: usable('unitPowerW'), channels: ['heatPowerW', 'unitPowerW'], reasons: [heatReason, reasonFor('unitPowerW', 'no-unit-meter')] },
    h3: { stat: backupRaw ? 'b3_raw' : 'b2_h', ok: usable('unitPowerW'), channels: ['heatPowerW', 'unitPowerW', 'backupPowerW'], reasons: [heatReason, reasonFor('unitPowerW', 'no-unit-meter'), backupReason] },
    h4: { stat: backupRaw ? 'b4_raw' : 'b4_zero', ok: usable('unitPowerW') && usable('pumpPowerW'), channels: ['heatPowerW', 'unitPowerW', 'backupPowerW', 'pumpPowerW'], reasons: [heatReason, reasonFor('unitPowerW', 'no-unit-meter'), backupReason, reasonFor('pumpPowerW', 'no-pump-meter')] },
  };
  const boundaries = {} as Record<Boundary, BoundaryEnergy>;
  for (const b of ['h1', 'h2', 'h3', 'h4'] as const) {
    const sp = specs[b];
    const missing = sp.reasons.find((r) => r !== null) ?? null;
    if (missing || !heatUsable || !sp.ok) { boundaries[b] = { spf: null, reason: missing ?? 'no-heat-meter', heatKWh: 0, electricityKWh: 0, coveredH: 0, channels: sp.channels }; continue; }
    const heatKWh = S(`${sp.stat}_heat_ws`) / WS_PER_KWH; const electricityKWh = S(`${sp.stat}_elec_ws`) / WS_PER_KWH; const coveredH = S(`${sp.stat}_s`) / 3600;
    const spf = ratio(heatKWh, electricityKWh);
    boundaries[b] = { spf, reason: coveredH === 0 ? 'no-overlapping-samples' : spf === null ? 'zero-electricity' : null, heatKWh, electricityKWh, coveredH, channels: sp.channels };
  }
  const runOk = runV !== null && heatUsable;
  const rs = (x: string) => (runOk ? S(`run_${h}_${runV}_${x}`) : 0);
  const runH = rs('s') / 3600; const runHeatKWh = rs('heat_ws') / WS_PER_KWH; const runElecKWh = rs('elec_ws') / WS_PER_KWH;
  const copReason: NullReason | null = runV === null ? 'no-unit-meter' : !heatUsable ? heatReason ?? 'no-heat-meter' : runH === 0 ? 'no-running-samples' : null;
  const allElecWs = runV === null ? 0 : S(runV === 'u' ? 'unit_ws' : 'comp_ws');
  const standbyWs = runV === null ? 0 : S(`sb_${runV}_ws`);
  const energy: EnergyResult = {
    heatKWh: {
      metered: comp(heatUsable, 'heat_ws', 'heat_s', 'heatPowerW', 'no-heat-meter'),
      heatPump: comp(heatUsable, backupRaw ? 'hp_hb_ws' : 'heat_ws', backupRaw ? 'hp_hb_s' : 'heat_s', 'heatPowerW', 'no-heat-meter'),
      backup: comp(backupRaw, 'backup_ws', 'backup_s', 'backupPowerW', 'no-backup-meter'),
    },
    electricityKWh: {
      compressorH1: comp(usable('compressorPowerW'), 'comp_ws', 'comp_s', 'compressorPowerW', 'no-compressor-meter'),
      unitH2: comp(usable('unitPowerW'), 'unit_ws', 'unit_s', 'unitPowerW', 'no-unit-meter'),
      backup: comp(backupRaw, 'backup_ws', 'backup_s', 'backupPowerW', 'no-backup-meter'),
      pump: comp(usable('pumpPowerW'), 'pump_ws', 'pump_s', 'pumpPowerW', 'no-pump-meter'),
      standby: runV === null ? { kWh: null, coveredH: 0, reason: 'no-unit-meter' } : { kWh: standbyWs / WS_PER_KWH, coveredH: S(`sb_${runV}_s`) / 3600, reason: null },
    },
    spf: { h1: boundaries.h1.spf, h2: boundaries.h2.spf, h3: boundaries.h3.spf, h4: boundaries.h4.spf },
    boundaries,
    boundaryAvailable: { h1: boundaries.h1.spf !== null, h2: boundaries.h2.spf !== null, h3: boundaries.h3.spf !== null, h4: boundaries.h4.spf !== null },
    cop: {
      boundary: runV === 'u' ? 'h2' : runV === 'c' ? 'h1' : null,
      running: copReason ? null : ratio(runHeatKWh, runElecKWh),
      combined: runV === 'u' ? boundaries.h2.spf : runV === 'c' ? boundaries.h1.spf : null,
      reason: copReason, runningH: runH, runningHeatKWh: runHeatKWh, runningElectricityKWh: runElecKWh,
      standbySharePct: runV !== null && allElecWs > 0 ? (100 * standbyWs) / allElecWs : null,
    },
    assumptions: warningRefs.some((w) => w.code === 'backup-not-reported') ? [UNIT_WARNINGS.backupNotReported().text] : [],
  };

  const defrostV = has('defrost') ? 'flag' : heatUsable ? 'neg' : null;
  const negWs = S('neg_ws'); const posWs = S('pos_ws');
  const defrost = {
    source: defrostV === 'flag' ? ('defrost-flag' as const) : defrostV === 'neg' ? ('negative-heat' as const) : null,
    episodes: defrostV ? chainDefrostEpisodes(seq, defrostV) : 0,
    durationH: defrostV ? S(`df_${defrostV}_s`) / 3600 : 0,
    energyKWh: heatUsable ? negWs / WS_PER_KWH : null,
    shareOfHeatPct: heatUsable && posWs > 0 ? (100 * negWs) / posWs : null,
  };

  const cycleSource: ChannelKey | null = cycV === 'on' ? 'compressorOn' : runChannel;
  const cyc = cycV ? chainCycles(seq, cycV, o.shortCycleMaxOnS, o.intervalS) : { completeCycles: 0, shortCycles: 0, onTimesMin: [] };
  const starts = cycV ? chainStarts(seq, cycV) : 0;
  const cycRunS = cycV ? S(`cy_${cycV}_run_s`) : 0;
  const sorted = [...cyc.onTimesMin].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  const cycling = {
    source: cycleSource, starts, runningH: cycRunS / 3600, startsPerRunningHour: cycRunS > 0 ? starts / (cycRunS / 3600) : null,
    completeCycles: cyc.completeCycles, shortCycles: cyc.shortCycles, shortCycleMaxOnS: o.shortCycleMaxOnS,
    medianOnTimeMin: sorted.length === 0 ? null : sorted.length % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2,
  };

  const lrReason: NullReason | null = !heatUsable ? 'no-heat-meter' : runV === null ? 'no-unit-meter' : runH === 0 ? 'no-running-samples' : null;
  const loadRatio = { value: lrReason ? null : runHeatKWh / (facts.nominalCapacityKw * runH), reason: lrReason, runningHeatKWh: runHeatKWh, runningH: runH, nominalCapacityKw: facts.nominalCapacityKw };

  const sourceTempChannel = heatPumpType(facts.type).sourceTempChannel;
  const srcV = sourceTempChannel === 'outdoorTempC' ? 'out' : 'src';
  const flowOk = heatUsable && has('supplyTempC');
  const tw = (x: string) => (flowOk ? S(`tw_${h}_${x}`) : 0);
  const carnotOk = flowOk && runV !== null && has(sourceTempChannel);
  const cHeat = carnotOk ? S(`cn_${h}_${runV}_${srcV}_heat`) : 0; const cIdeal = carnotOk ? S(`cn_${h}_${runV}_${srcV}_ideal`) : 0;
  const temperatures = {
    heatWeightedFlowC: tw('q') > 0 ? tw('qf') / tw('q') : null,
    heatWeightedDeltaTK: tw('qdt_q') > 0 ? tw('qdt') / tw('qdt_q') : null,
    carnotPct: cIdeal > 0 ? (100 * cHeat) / cIdeal : null,
    carnotBoundary: runV === 'u' ? ('h2' as const) : runV === 'c' ? ('h1' as const) : null,
    sourceTempChannel,
    reason: (!heatUsable ? 'no-heat-meter' : !has('supplyTempC') ? 'no-temperatures' : tw('q') === 0 ? 'no-running-samples' : null) as NullReason | null,
  };
  if (temperatures.carnotPct !== null && temperatures.carnotPct > 100 && runChannel) {
    flags.push({ channel: runChannel, code: 'exceeds-carnot', carnotPct: temperatures.carnotPct });
    add(UNIT_WARNINGS.exceedsCarnot(temperatures.carnotPct));
  }

  const coverage: Partial<Record<ChannelKey, ChannelCoverage>> = {};
  for (const k of new Set<ChannelKey>([...KEY_CHANNELS, ...CHANNEL_KEYS.filter(has)])) {
    const measured = S(`cov_${statChannel(k)}_m`); const bridged = S(`cov_${statChannel(k)}_b`);
    coverage[k] = { measured, bridged, missing: slots - measured - bridged, coveragePct: slots > 0 ? (100 * measured) / slots : 0 };
  }
  const registers = composeRegisters(seq, o, excluded, has);
  for (const r of registers) if (r.status === 'disagree' || r.status === 'register-went-backwards') add(UNIT_WARNINGS.register(r.register, r.power, r.status));

  let heatMeterFault: UnitKpis['heatMeterFault'];
  if (!heatUsable || !has('supplyTempC') || !has('returnTempC') || runV === null) {
    heatMeterFault = { detected: null, reason: !heatUsable ? 'no-heat-meter' : runV === null ? 'no-unit-meter' : 'no-temperatures', episodes: 0, durationH: 0, electricityKWh: 0 };
  } else {
    const f = chainHeatFault(seq, runV, o.heatFaultMinEpisodeS, o.intervalS);
    heatMeterFault = { detected: f.episodes > 0, reason: null, episodes: f.episodes, durationH: f.durationS / 3600, electricityKWh: f.electricityWs / WS_PER_KWH };
    if (f.episodes > 0) add(UNIT_WARNINGS.heatMeterFault(heatMeterFault.durationH));
  }

  const readingsInPeriod = S('readings_n');
  const fromMs = localDayStartMs(fromDay); const toMs = localDayStartMs(toDay);
  const result: UnitKpis = {
    unitId: facts.unitId,
    period: { fromMs, toMs, fromIso: new Date(fromMs).toISOString(), toIso: new Date(toMs).toISOString(), hours: (toMs - fromMs) / 3_600_000, intervalS: o.intervalS },
    status: readingsInPeriod === 0 ? 'no-data' : 'ok',
    input: { readingsInPeriod, outsidePeriod: 0, duplicateReadings: 0, conflictingValues: 0 },
    spf: energy.spf, boundaryAvailable: energy.boundaryAvailable, energy, defrost, cycling, loadRatio, temperatures,
    comfort: composeComfort(rows, o.targetIndoorC),
    coverage, registers, heatMeterFault,
    plausibility: { flags, excludedChannels: [...excluded] },
    weather: composeDegreeDays(seq, o.hddBaseC, energy.heatKWh.metered.kWh),
    warnings,
    warningRefs,
  };
  if (result.status === 'no-data') return markNoData({ ...result, warnings: [...warnings, UNIT_WARNINGS.noReadings().text], warningRefs: [...warningRefs, { code: 'no-readings', params: {} }] });
  return result;
}

export type { DaySeq };
