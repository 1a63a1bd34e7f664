/**
 * SQL of the per-unit, per-local-day KPI aggregates (kpi-day.md). Stages over the unit-days of one chunk
 * (`temp.kd_days`) and 16 minutes of context on either side:
 *   kd_slot  readings → 1-minute slots (mean; flags max; mode and registers last, registers also first)
 *   kd_gap/kd_lb  bridging (kpi-day-bridge-sql.ts); the grid: slots plus bridged gap slots (a SELECT)
 *   p2       the grid with day, slot of day and states (a SELECT, never materialised)
 *   kd_st    the one window over every slot, narrow: neighbour states, prefix sums for partial registers
 *   kd_sums, kd_runs, kd_regs (kpi-day-regs-sql.ts) → one `kpi_day` row per unit and day.
 */
import { CHANNEL_KEYS, type ChannelKey } from '../../domain/telemetry-channels.js';
import type { PresenceByChannel } from './kpi-day-bridge-sql.js';
import {
  CYCLE_VARIANTS, DEFROST_VARIANTS, HP_VARIANTS, KPI_DAY_BUILD_OPTIONS as P, KPI_DAY_STATS, KW_AS_W_STAT_CHANNELS, REGISTER_CHANNELS, REGISTERS,
  RUN_VARIANTS, SLOTS_PER_DAY, SOURCE_VARIANTS, statChannel,
} from '../../analytics/season/kpi-day.js';

const OFFSET_SLOTS = P.localUtcOffsetH * 60;
const LAST = SLOTS_PER_DAY - 1;
const D = P.intervalS; // seconds per slot
const KELVIN = 273.15;

const col = (k: ChannelKey) => statChannel(k);
const v = (k: ChannelKey) => `v_${col(k)}`;
const MEAN = CHANNEL_KEYS.filter((k) => !['compressorOn', 'defrost', 'mode'].includes(k) && !k.endsWith('KWh'));
const LAST_VALUE = CHANNEL_KEYS.filter((k) => k === 'mode' || k.endsWith('KWh'));
const REG_KEYS = REGISTERS.map((r) => REGISTER_CHANNELS[r].register);

export const KPI_DAY_COLUMNS_DDL = (): string =>
  ['unit_id VARCHAR NOT NULL', 'day INTEGER NOT NULL', ...KPI_DAY_STATS.map((s) => `${s} DOUBLE NOT NULL`), ...CYCLE_VARIANTS.map((c) => `cy_${c}_ontimes INTEGER[] NOT NULL`)].join(', ');

/** Stage 1: slots of the chunk's readings (with context). `$lo/$hi` bound the scan for zone-map pruning. */
export const slotSql = (lo: string, hi: string): string => `CREATE OR REPLACE TEMP TABLE kd_slot AS
  SELECT r.unit_id, r.ts_ms // 60000 AS slot, count(*) AS n_rows,
    ${MEAN.map((k) => `avg(r.${col(k)}) AS m_${col(k)}`).join(', ')},
    max(r.compressor_on) AS m_compressor_on, max(r.defrost) AS m_defrost,
    ${LAST_VALUE.map((k) => `arg_max(r.${col(k)}, r.ts_ms) FILTER (WHERE r.${col(k)} IS NOT NULL) AS m_${col(k)}`).join(', ')},
    ${REG_KEYS.map((k) => `arg_min(r.${col(k)}, r.ts_ms) FILTER (WHERE r.${col(k)} IS NOT NULL) AS f_${col(k)}`).join(', ')}
  FROM readings r JOIN temp.kd_range k ON k.unit_id = r.unit_id AND r.ts_ms >= k.lo AND r.ts_ms < k.hi
  WHERE r.ts_ms >= ${lo} AND r.ts_ms < ${hi}
  GROUP BY r.unit_id, slot`;

// Per-slot quantities (in the p2 select list and the aggregations above it).
const heat = v('heatPowerW');
const backup = v('backupPowerW');
const sup = v('supplyTempC');
const ret = v('returnTempC');
const elec = { u: v('unitPowerW'), c: v('compressorPowerW') } as const;
const hp = { hb: `(${heat} - ${backup})`, h: heat } as const;
const srcT = { out: v('outdoorTempC'), src: v('sourceInTempC') } as const;
const tri = (valueSql: string, onSql: string) => `CASE WHEN ${valueSql} IS NULL THEN -1 WHEN ${onSql} THEN 1 ELSE 0 END`;
const STATE: Record<string, string> = {
  cy_on: tri(v('compressorOn'), `${v('compressorOn')} >= 0.5`),
  cy_u: tri(elec.u, `${elec.u} >= ${P.runningThresholdW}`),
  cy_c: tri(elec.c, `${elec.c} >= ${P.runningThresholdW}`),
  df_flag: tri(v('defrost'), `${v('defrost')} >= 0.5`),
  df_neg: tri(heat, `${heat} < 0`),
};
const fault = (r: 'u' | 'c') =>
  `(coalesce(${STATE[`cy_${r}`]} = 1 AND abs(${heat}) < 1 AND ${sup} - ${ret} > ${P.heatFaultMinDeltaTK} AND ${sup} > ${P.heatFaultMinFlowC}
    AND NOT coalesce(${v('defrost')} >= 0.5, false), false))::INTEGER`;
const ISLANDS = ['cy_on', 'cy_u', 'cy_c', 'ft_u', 'ft_c', 'df_flag', 'df_neg'] as const;

/**
 * Stage 4 (a SELECT, never materialised: writing ~110 columns per slot cost more than computing them, and each
 * consumer reads only its columns): the grid with local day, slot of day and the per-slot states.
 */
export const pass2Select = (gridSelect: string): string => {
  const states = Object.entries(STATE).map(([n, e]) => `${e} AS ${n}`);
  return `(SELECT *, ${states.join(', ')}, ${fault('u')} AS ft_u, ${fault('c')} AS ft_c FROM (
    SELECT *, (slot + ${OFFSET_SLOTS}) // ${SLOTS_PER_DAY} AS day, (slot + ${OFFSET_SLOTS}) % ${SLOTS_PER_DAY} AS sod FROM (${gridSelect})))`;
};

/**
 * Stage 5 (`kd_st`, the only window over every slot, on narrow rows): the neighbours' states (one `lag` and one
 * `lead` of a STRUCT, adjacent slots only); for registers read in some slots only (partial), their columns and, per
 * power channel, the count, Σ P·d and Σ max(P,0)·d of the day's slots before this one (kpi-day-regs-sql.ts).
 */
export const statesSql = (p2: string, presence: PresenceByChannel): string => {
  const w = 'OVER (PARTITION BY unit_id, day ORDER BY slot)';
  const before = 'OVER (PARTITION BY unit_id, day ORDER BY slot ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)';
  const names = Object.keys(STATE);
  const packed = `{'slot': slot, ${names.map((n) => `'${n}': ${n}`).join(', ')}}`;
  const prevNext = names.map((n) => `CASE WHEN pv_.slot = slot - 1 THEN pv_.${n} ELSE -1 END AS prev_${n}, CASE WHEN nx_.slot = slot + 1 THEN nx_.${n} ELSE -1 END AS next_${n}`);
  const partial = REGISTERS.filter((r) => presence[REGISTER_CHANNELS[r].register] === 'partial');
  const regCols = partial.flatMap((r) => { const k = REGISTER_CHANNELS[r].register; return [`st_${col(k)}`, `f_${col(k)}`, v(k)]; });
  const prefix = [...new Set(partial.map((r) => REGISTER_CHANNELS[r].power))].flatMap((k) => [`count(${v(k)}) ${before} AS pc_${col(k)}`,
    `coalesce(sum(${v(k)} * ${D}) ${before}, 0) AS ps_${col(k)}`, `coalesce(sum(CASE WHEN ${v(k)} > 0 THEN ${v(k)} * ${D} END) ${before}, 0) AS pp_${col(k)}`]);
  return `CREATE OR REPLACE TEMP TABLE kd_st AS SELECT * EXCLUDE (pv_, nx_), ${prevNext.join(', ')} FROM (
    SELECT ${['unit_id', 'day', 'slot', 'sod', ...names, 'ft_u', 'ft_c', `${elec.u} AS e_u`, `${elec.c} AS e_c`, ...regCols,
      `lag(${packed}) ${w} AS pv_`, `lead(${packed}) ${w} AS nx_`, ...prefix].join(', ')}
    FROM ${p2})`;
};

const sumIf = (cond: string, value: string) => `coalesce(sum(CASE WHEN ${cond} THEN ${value} END), 0)`;
const present = (...xs: string[]) => xs.map((x) => `${x} IS NOT NULL`).join(' AND ');
const carnotCop = (s: 'out' | 'src') =>
  `CASE WHEN (${sup} + 2) - (${srcT[s]} - 6) > 0 THEN (${sup} + 2 + ${KELVIN}) / ((${sup} + 2) - (${srcT[s]} - 6)) END`;

/** Sums over the day's slots, keyed by stat name (every stat not computed from runs or registers). */
function sumExpressions(): Record<string, string> {
  const e: Record<string, string> = {};
  e.readings_n = 'sum(n_rows)';
  const single = { heat, comp: elec.c, unit: elec.u, backup, pump: v('pumpPowerW') };
  for (const [n, x] of Object.entries(single)) { e[`${n}_ws`] = sumIf(present(x), `${x} * ${D}`); e[`${n}_s`] = sumIf(present(x), `${D}`); }
  e.hp_hb_ws = sumIf(present(heat, backup), `${hp.hb} * ${D}`); e.hp_hb_s = sumIf(present(heat, backup), `${D}`);
  const pump = v('pumpPowerW');
  const bounds: Record<string, { ch: string[]; q: string; el: string }> = {
    b1_hb: { ch: [heat, backup, elec.c], q: hp.hb, el: elec.c }, b1_h: { ch: [heat, elec.c], q: heat, el: elec.c },
    b2_hb: { ch: [heat, backup, elec.u], q: hp.hb, el: elec.u }, b2_h: { ch: [heat, elec.u], q: heat, el: elec.u },
    b3_raw: { ch: [heat, elec.u, backup], q: heat, el: `${elec.u} + ${backup}` },
    b4_raw: { ch: [heat, elec.u, backup, pump], q: heat, el: `${elec.u} + ${backup} + ${pump}` },
    b4_zero: { ch: [heat, elec.u, pump], q: heat, el: `${elec.u} + ${pump}` },
  };
  for (const [b, s] of Object.entries(bounds)) {
    const c = present(...s.ch);
    e[`${b}_heat_ws`] = sumIf(c, `(${s.q}) * ${D}`); e[`${b}_elec_ws`] = sumIf(c, `(${s.el}) * ${D}`); e[`${b}_s`] = sumIf(c, `${D}`);
  }
  for (const r of RUN_VARIANTS) {
    e[`sb_${r}_ws`] = sumIf(`cy_${r} = 0`, `${elec[r]} * ${D}`); e[`sb_${r}_s`] = sumIf(`cy_${r} = 0`, `${D}`);
    for (const h of HP_VARIANTS) {
      const c = `cy_${r} = 1 AND ${present(hp[h])}`;
      e[`run_${h}_${r}_heat_ws`] = sumIf(c, `${hp[h]} * ${D}`); e[`run_${h}_${r}_elec_ws`] = sumIf(c, `${elec[r]} * ${D}`); e[`run_${h}_${r}_s`] = sumIf(c, `${D}`);
      for (const s of SOURCE_VARIANTS) {
        const cc = `${hp[h]} > 0 AND ${present(sup, srcT[s], elec[r])} AND cy_${r} = 1 AND ${carnotCop(s)} IS NOT NULL`;
        e[`cn_${h}_${r}_${s}_heat`] = sumIf(cc, `${hp[h]} * ${D}`); e[`cn_${h}_${r}_${s}_ideal`] = sumIf(cc, `${elec[r]} * ${carnotCop(s)} * ${D}`);
      }
    }
  }
  for (const h of HP_VARIANTS) {
    const c = `${hp[h]} > 0 AND ${present(sup)}`;
    e[`tw_${h}_q`] = sumIf(c, `${hp[h]} * ${D}`); e[`tw_${h}_qf`] = sumIf(c, `${sup} * ${hp[h]} * ${D}`);
    e[`tw_${h}_qdt_q`] = sumIf(`${c} AND ${present(ret)}`, `${hp[h]} * ${D}`); e[`tw_${h}_qdt`] = sumIf(`${c} AND ${present(ret)}`, `(${sup} - ${ret}) * ${hp[h]} * ${D}`);
  }
  e.neg_ws = sumIf(`${heat} < 0`, `-${heat} * ${D}`); e.pos_ws = sumIf(`${heat} >= 0`, `${heat} * ${D}`);
  for (const f of DEFROST_VARIANTS) {
    const on = `df_${f} = 1`;
    e[`df_${f}_s`] = sumIf(on, `${D}`);
    e[`df_${f}_first`] = `coalesce(max(CASE WHEN sod = 0 AND ${on} THEN 1 END), 0)`; e[`df_${f}_last`] = `coalesce(max(CASE WHEN sod = ${LAST} AND ${on} THEN 1 END), 0)`;
  }
  for (const c of CYCLE_VARIANTS) {
    e[`cy_${c}_run_s`] = sumIf(`cy_${c} = 1`, `${D}`);
    e[`cy_${c}_first`] = `coalesce(max(CASE WHEN sod = 0 THEN cy_${c} END), -1)`; e[`cy_${c}_last`] = `coalesce(max(CASE WHEN sod = ${LAST} THEN cy_${c} END), -1)`;
  }
  const indoor = v('indoorTempC');
  for (let h = 0; h < 24; h++) {
    const inH = `sod // 60 = ${h} AND ${present(indoor)}`;
    e[`cf_cov_s_${h}`] = sumIf(inH, `${D}`); e[`cf_below_s_${h}`] = sumIf(`${inH} AND ${indoor} < ${P.targetIndoorC}`, `${D}`);
    e[`cf_dh_ks_${h}`] = sumIf(`${inH} AND ${indoor} < ${P.targetIndoorC}`, `(${P.targetIndoorC} - ${indoor}) * ${D}`);
  }
  e.cf_t_ks = sumIf(present(indoor), `${indoor} * ${D}`);
  e.out_t_ks = sumIf(present(v('outdoorTempC')), `${v('outdoorTempC')} * ${D}`); e.out_s = sumIf(present(v('outdoorTempC')), `${D}`);
  for (const k of CHANNEL_KEYS) { e[`cov_${col(k)}_m`] = sumIf(`st_${col(k)} = 1`, '1'); e[`cov_${col(k)}_b`] = sumIf(`st_${col(k)} = 2`, '1'); }
  const kwCh = { unit: 'unitPowerW', comp: 'compressorPowerW', backup: 'backupPowerW', heat: 'heatPowerW' } as const;
  for (const c of KW_AS_W_STAT_CHANNELS) {
    const x = v(kwCh[c]); const m = `st_${col(kwCh[c])} = 1`;
    e[`kw_${c}_pos`] = sumIf(`${m} AND ${x} > 0`, '1'); e[`kw_${c}_low`] = sumIf(`${m} AND ${x} > 0 AND ${x} < ${P.kwAsWMedianW}`, '1');
    e[`kw_${c}_run`] = sumIf(`${m} AND ${x} >= ${P.runningThresholdW}`, '1');
  }
  return e;
}

export const sumsSql = (p2: string): string => {
  const e = sumExpressions();
  return `CREATE OR REPLACE TEMP TABLE kd_sums AS SELECT unit_id, day, ${Object.entries(e).map(([n, x]) => `${x} AS ${n}`).join(', ')}
    FROM ${p2} GROUP BY unit_id, day`;
};

/**
 * Islands of consecutive "on" slots per variant, numbered on the narrow "on" rows of `kd_st` alone (slot − row_number):
 * cycles (starts = islands after an "off" slot; on-times), defrost episodes, heat-meter fault runs.
 */
export const runsSql = (): string => {
  const piece = (n: (typeof ISLANDS)[number]) => {
    const isFault = n.startsWith('ft_');
    const elecW = isFault ? `e_${n.slice(3)}` : '0';
    const before = isFault ? '-1' : `prev_${n}`;
    const after = isFault ? '-1' : `next_${n}`;
    return `SELECT unit_id, day, '${n}' AS v, min(sod) AS s0, max(sod) AS s1, count(*) AS n, coalesce(sum(${elecW} * ${D}), 0) AS elec_ws,
      arg_min(${before}, slot) AS bef, arg_max(${after}, slot) AS aft
      FROM (SELECT unit_id, day, slot, sod, ${elecW === '0' ? '' : `${elecW}, `}${isFault ? '' : `prev_${n}, next_${n}, `}slot - row_number() OVER (PARTITION BY unit_id, day ORDER BY slot) AS grp
        FROM temp.kd_st WHERE ${n} = 1) GROUP BY unit_id, day, grp`;
  };
  const agg: string[] = [];
  const interior = (n: string) => `v = '${n}' AND s0 > 0 AND s1 < ${LAST}`;
  for (const c of CYCLE_VARIANTS) {
    const n = `cy_${c}`;
    const complete = `${interior(n)} AND bef = 0 AND aft = 0`;
    agg.push(
      `count(*) FILTER (WHERE v = '${n}' AND bef = 0) AS ${n}_starts`, `count(*) FILTER (WHERE ${complete}) AS ${n}_complete`, `count(*) FILTER (WHERE ${complete} AND n * ${D} < ${P.shortCycleMaxOnS}) AS ${n}_short`,
      `coalesce(list(n::INTEGER ORDER BY s0) FILTER (WHERE ${complete}), []::INTEGER[]) AS ${n}_ontimes`,
      `coalesce(max(n) FILTER (WHERE v = '${n}' AND s0 = 0), 0) AS ${n}_lead_n`, `coalesce(max(aft) FILTER (WHERE v = '${n}' AND s0 = 0), -1) AS ${n}_lead_aft`,
      `coalesce(max(n) FILTER (WHERE v = '${n}' AND s1 = ${LAST} AND s0 > 0), 0) AS ${n}_tail_n`,
      `coalesce(max(bef) FILTER (WHERE v = '${n}' AND s1 = ${LAST} AND s0 > 0), -1) AS ${n}_tail_bef`,
    );
  }
  for (const r of RUN_VARIANTS) {
    const n = `ft_${r}`;
    const long = `${interior(n)} AND n * ${D} >= ${P.heatFaultMinEpisodeS}`;
    agg.push(
      `count(*) FILTER (WHERE ${long}) AS ${n}_ep`, `coalesce(sum(n * ${D}) FILTER (WHERE ${long}), 0) AS ${n}_s`,
      `coalesce(sum(elec_ws) FILTER (WHERE ${long}), 0) AS ${n}_elec_ws`,
      `coalesce(max(n) FILTER (WHERE v = '${n}' AND s0 = 0), 0) AS ${n}_lead_n`, `coalesce(max(elec_ws) FILTER (WHERE v = '${n}' AND s0 = 0), 0) AS ${n}_lead_elec_ws`,
      `coalesce(max(n) FILTER (WHERE v = '${n}' AND s1 = ${LAST} AND s0 > 0), 0) AS ${n}_tail_n`,
      `coalesce(max(elec_ws) FILTER (WHERE v = '${n}' AND s1 = ${LAST} AND s0 > 0), 0) AS ${n}_tail_elec_ws`,
    );
  }
  for (const f of DEFROST_VARIANTS) agg.push(`count(*) FILTER (WHERE v = 'df_${f}') AS df_${f}_ep`);
  const pieces = ISLANDS.map(piece).join(' UNION ALL ');
  return `CREATE OR REPLACE TEMP TABLE kd_runs AS SELECT unit_id, day, ${agg.join(', ')} FROM (${pieces}) GROUP BY unit_id, day`;
};

/** Final row: sums ⋈ runs ⋈ registers; a day without runs or register readings gets the neutral values. */
export const insertSql = (): string => {
  const runCols = new Set([...CYCLE_VARIANTS.flatMap((c) => ['starts', 'complete', 'short', 'lead_n', 'lead_aft', 'tail_n', 'tail_bef'].map((x) => `cy_${c}_${x}`)),
    ...RUN_VARIANTS.flatMap((r) => ['ep', 's', 'elec_ws', 'lead_n', 'lead_elec_ws', 'tail_n', 'tail_elec_ws'].map((x) => `ft_${r}_${x}`)),
    ...DEFROST_VARIANTS.map((f) => `df_${f}_ep`)]);
  const neutral = (s: string) => (s.endsWith('_aft') || s.endsWith('_bef') ? -1 : 0);
  const regSimple = new Set(REGISTERS.flatMap((r) => ['n', 'first_v', 'last_v', 'back', 'pairs', 'dreg', 'net_ws', 'pos_ws', 'lead_net_ws', 'lead_pos_ws', 'tail_net_ws', 'tail_pos_ws']
    .map((x) => `rg_${r}_${x}`)));
  const select = KPI_DAY_STATS.map((s) => {
    if (runCols.has(s)) return `coalesce(ru.${s}, ${neutral(s)})`;
    if (regSimple.has(s)) return `coalesce(rg.${s}, 0)`;
    const m = /^rg_(\w+?)_(lead|tail)_cov$/.exec(s);
    if (m) {
      const r = m[1] as string;
      // Covered when the power channel holds every slot of the segment (lead: day start → first reading; tail: last reading → day end).
      return m[2] === 'lead'
        ? `CASE WHEN coalesce(rg.rg_${r}_lead_pn, 0) = coalesce(rg.rg_${r}_first_sod, ${SLOTS_PER_DAY}) THEN 1 ELSE 0 END`
        : `CASE WHEN coalesce(rg.rg_${r}_n, 0) > 0 AND rg.rg_${r}_tail_pn = ${SLOTS_PER_DAY} - rg.rg_${r}_last_sod THEN 1 ELSE 0 END`;
    }
    return `su.${s}`;
  });
  const lists = CYCLE_VARIANTS.map((c) => `coalesce(ru.cy_${c}_ontimes, []::INTEGER[])`);
  return `INSERT INTO kpi_day SELECT su.unit_id, su.day, ${select.join(', ')}, ${lists.join(', ')}
    FROM temp.kd_sums su LEFT JOIN temp.kd_runs ru ON ru.unit_id = su.unit_id AND ru.day = su.day
    LEFT JOIN temp.kd_regs rg ON rg.unit_id = su.unit_id AND rg.day = su.day`;
};
