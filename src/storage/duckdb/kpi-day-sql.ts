/**
 * SQL of the per-unit, per-local-day KPI aggregates (kpi-day.md). Stages, each a temp table over the unit-days
 * of one chunk (`temp.kd_days`) and 16 minutes of context on either side:
 *   kd_slot  readings → 1-minute slots (mean; flags max; mode and registers last, registers also first)
 *   kd_fill  window pass 1: bridging per channel (last measured slot ≤ 15 slots back, next ≤ 15 ahead)
 *   kd_grid  the slots plus the bridged slots of short gaps between rows, restricted to the chunk's days
 *   kd_p2    window pass 2 (per unit and day): previous/next slot states, islands, register segments
 *   kd_sums, kd_runs, kd_regs → one `kpi_day` row per unit and day.
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

// Per-slot quantities (in kd_p2's select list and the aggregations above it).
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
const ISLANDS = { cy_on: 'cy_on', cy_u: 'cy_u', cy_c: 'cy_c', ft_u: 'ft_u', ft_c: 'ft_c' } as const;

/**
 * Stage 4: states and window pass 2 per unit and local day. The neighbours' states travel in one STRUCT through one
 * `lag` and one `lead` (adjacent slots only); islands are numbered in kd_runs on the "on" slots alone.
 */
export const pass2Sql = (gridSelect: string, presence: PresenceByChannel): string => {
  const w = 'OVER (PARTITION BY unit_id, day ORDER BY slot)';
  const cum = 'OVER (PARTITION BY unit_id, day ORDER BY slot ROWS UNBOUNDED PRECEDING)';
  const names = Object.keys(STATE);
  const states = Object.entries(STATE).map(([n, e]) => `${e} AS ${n}`);
  const packed = `{'slot': slot, ${names.map((n) => `'${n}': ${n}`).join(', ')}}`;
  const prevNext = names.map((n) => `CASE WHEN pv_.slot = slot - 1 THEN pv_.${n} ELSE -1 END AS prev_${n}, CASE WHEN nx_.slot = slot + 1 THEN nx_.${n} ELSE -1 END AS next_${n}`);
  // Register segment key: 0 before the day's first reading, else increasing with each reading. A register read in
  // every slot with a reading keys by the slot of that reading (the grid row's source), with no window at all.
  const segs = REG_KEYS.map((k) => {
    if (presence[k] === 'absent') return `0 AS seg_${col(k)}`;
    if (presence[k] === 'full') return `CASE WHEN (src_slot + ${OFFSET_SLOTS}) // ${SLOTS_PER_DAY} = day THEN src_slot ELSE 0 END AS seg_${col(k)}`;
    return `count(CASE WHEN st_${col(k)} = 1 THEN 1 END) ${cum} AS seg_${col(k)}`;
  });
  return `CREATE OR REPLACE TEMP TABLE kd_p2 AS SELECT * EXCLUDE (pv_, nx_), ${prevNext.join(', ')} FROM (
    SELECT *, lag(${packed}) ${w} AS pv_, lead(${packed}) ${w} AS nx_, ${segs.join(', ')} FROM (
      SELECT *, (slot + ${OFFSET_SLOTS}) // ${SLOTS_PER_DAY} AS day, (slot + ${OFFSET_SLOTS}) % ${SLOTS_PER_DAY} AS sod, ${states.join(', ')},
        ${fault('u')} AS ft_u, ${fault('c')} AS ft_c
      FROM (${gridSelect})))`;
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
    e[`df_${f}_ep`] = sumIf(`${on} AND prev_df_${f} <> 1`, '1'); e[`df_${f}_s`] = sumIf(on, `${D}`);
    e[`df_${f}_first`] = `coalesce(max(CASE WHEN sod = 0 AND ${on} THEN 1 END), 0)`; e[`df_${f}_last`] = `coalesce(max(CASE WHEN sod = ${LAST} AND ${on} THEN 1 END), 0)`;
  }
  for (const c of CYCLE_VARIANTS) {
    e[`cy_${c}_starts`] = sumIf(`cy_${c} = 1 AND prev_cy_${c} = 0`, '1'); e[`cy_${c}_run_s`] = sumIf(`cy_${c} = 1`, `${D}`);
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

export const sumsSql = (): string => {
  const e = sumExpressions();
  return `CREATE OR REPLACE TEMP TABLE kd_sums AS SELECT unit_id, day, ${Object.entries(e).map(([n, x]) => `${x} AS ${n}`).join(', ')}
    FROM temp.kd_p2 GROUP BY unit_id, day`;
};

/** Islands of consecutive "on" slots per variant: cycles (on-times) and heat-meter fault runs. */
export const runsSql = (): string => {
  const piece = (n: keyof typeof ISLANDS) => {
    const isFault = n.startsWith('ft_');
    const elecW = isFault ? elec[n.slice(3) as 'u' | 'c'] : '0';
    const before = isFault ? '-1' : `prev_${n}`;
    const after = isFault ? '-1' : `next_${n}`;
    return `SELECT unit_id, day, '${n}' AS v, min(sod) AS s0, max(sod) AS s1, count(*) AS n, coalesce(sum(${elecW} * ${D}), 0) AS elec_ws,
      arg_min(${before}, slot) AS bef, arg_max(${after}, slot) AS aft
      FROM (SELECT *, slot - row_number() OVER (PARTITION BY unit_id, day ORDER BY slot) AS grp FROM temp.kd_p2 WHERE ${n} = 1) GROUP BY unit_id, day, grp`;
  };
  const agg: string[] = [];
  const interior = (n: string) => `v = '${n}' AND s0 > 0 AND s1 < ${LAST}`;
  for (const c of CYCLE_VARIANTS) {
    const n = `cy_${c}`;
    const complete = `${interior(n)} AND bef = 0 AND aft = 0`;
    agg.push(
      `count(*) FILTER (WHERE ${complete}) AS ${n}_complete`, `count(*) FILTER (WHERE ${complete} AND n * ${D} < ${P.shortCycleMaxOnS}) AS ${n}_short`,
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
  const pieces = (Object.keys(ISLANDS) as (keyof typeof ISLANDS)[]).map(piece).join(' UNION ALL ');
  return `CREATE OR REPLACE TEMP TABLE kd_runs AS SELECT unit_id, day, ${agg.join(', ')} FROM (${pieces}) GROUP BY unit_id, day`;
};

/** Register readings within the day: consecutive pairs, covered when the power channel holds every slot between them. */
export const regsSql = (): string => {
  const segs = REGISTERS.map((r) => {
    const { register, power } = REGISTER_CHANNELS[r];
    const seg = `seg_${col(register)}`;
    return `SELECT unit_id, day, '${r}' AS r, ${seg} AS seg, min(sod) AS rs, arg_min(f_${col(register)}, slot) AS rf, arg_min(${v(register)}, slot) AS rl,
      count(${v(power)}) AS pn, coalesce(sum(${v(power)} * ${D}), 0) AS net, coalesce(sum(CASE WHEN ${v(power)} > 0 THEN ${v(power)} * ${D} END), 0) AS pos
      FROM temp.kd_p2 GROUP BY unit_id, day, ${seg}`;
  }).join(' UNION ALL ');
  const w = 'OVER (PARTITION BY unit_id, day, r ORDER BY seg)';
  const withNext = `SELECT *, lead(rs) ${w} AS next_rs, lead(rf) ${w} AS next_rf FROM (${segs})`;
  const agg = REGISTERS.flatMap((r) => {
    const is = `r = '${r}' AND seg > 0`;
    const lead = `r = '${r}' AND seg = 0`;
    const covered = `${is} AND next_rs IS NOT NULL AND pn = next_rs - rs`;
    return [
      `count(*) FILTER (WHERE ${is}) AS rg_${r}_n`,
      `coalesce(arg_min(rf, seg) FILTER (WHERE ${is}), 0) AS rg_${r}_first_v`, `coalesce(arg_min(rs, seg) FILTER (WHERE ${is}), ${SLOTS_PER_DAY}) AS rg_${r}_first_sod`,
      `coalesce(arg_max(rl, seg) FILTER (WHERE ${is}), 0) AS rg_${r}_last_v`, `coalesce(arg_max(rs, seg) FILTER (WHERE ${is}), 0) AS rg_${r}_last_sod`,
      `coalesce(max(CASE WHEN ${is} AND (next_rf < rl OR rl < rf) THEN 1 ELSE 0 END), 0) AS rg_${r}_back`,
      `count(*) FILTER (WHERE ${covered}) + count(*) FILTER (WHERE ${is} AND rl <> rf) AS rg_${r}_pairs`,
      `coalesce(sum(next_rf - rl) FILTER (WHERE ${covered}), 0) + coalesce(sum(rl - rf) FILTER (WHERE ${is}), 0) AS rg_${r}_dreg`,
      `coalesce(sum(net) FILTER (WHERE ${covered}), 0) AS rg_${r}_net_ws`, `coalesce(sum(pos) FILTER (WHERE ${covered}), 0) AS rg_${r}_pos_ws`,
      // Lead: the slots before the day's first reading (the whole day without one); tail: the last segment.
      `coalesce(max(net) FILTER (WHERE ${lead}), 0) AS rg_${r}_lead_net_ws`, `coalesce(max(pos) FILTER (WHERE ${lead}), 0) AS rg_${r}_lead_pos_ws`,
      `coalesce(max(pn) FILTER (WHERE ${lead}), 0) AS rg_${r}_lead_pn`,
      `coalesce(arg_max(net, seg) FILTER (WHERE ${is}), 0) AS rg_${r}_tail_net_ws`, `coalesce(arg_max(pos, seg) FILTER (WHERE ${is}), 0) AS rg_${r}_tail_pos_ws`,
      `coalesce(arg_max(pn, seg) FILTER (WHERE ${is}), 0) AS rg_${r}_tail_pn`,
    ];
  });
  return `CREATE OR REPLACE TEMP TABLE kd_regs AS SELECT unit_id, day, ${agg.join(', ')} FROM (${withNext}) GROUP BY unit_id, day`;
};

/** Final row: sums ⋈ runs ⋈ registers; a day without runs or register readings gets the neutral values. */
export const insertSql = (): string => {
  const runCols = new Set([...CYCLE_VARIANTS.flatMap((c) => ['complete', 'short', 'lead_n', 'lead_aft', 'tail_n', 'tail_bef'].map((x) => `cy_${c}_${x}`)),
    ...RUN_VARIANTS.flatMap((r) => ['ep', 's', 'elec_ws', 'lead_n', 'lead_elec_ws', 'tail_n', 'tail_elec_ws'].map((x) => `ft_${r}_${x}`))]);
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
