/**
 * Register stage of the day aggregates (kpi-day.md, stage 7). A register's readings cut its day into segments:
 * the slots before the first reading (the lead), then from each reading up to the next one (the last up to the day
 * end). A pair of consecutive readings is covered when the power channel holds every slot of the first segment.
 * No GROUP BY per segment and no union of the registers; by how the register is present in the chunk (as bridging):
 *   full     read in every slot with a reading: a segment is one slot row of `kd_slot` plus the bridged gap slots
 *            after it (all carrying that row's bridged power value), so its sums are closed-form on the slot rows;
 *            the part of a gap past midnight is the next day's lead. One narrow `lead` over `kd_slot`.
 *   partial  `kd_st` carries per slot the count, Σ P·d and Σ max(P,0)·d of the power over the day's slots before it,
 *            so a segment's sums are differences of these prefixes (the day total for the last); one `lead` over
 *            the register's reading rows.
 *   absent   no reading: the whole day is the lead.
 */
import type { ChannelKey } from '../../domain/telemetry-channels.js';
import { KPI_DAY_BUILD_OPTIONS as P, REGISTER_CHANNELS, REGISTERS, SLOTS_PER_DAY, statChannel, type RegisterName } from '../../analytics/season/kpi-day.js';
import { extended, type PresenceByChannel } from './kpi-day-bridge-sql.js';

const D = P.intervalS;
const BRIDGE = P.bridgeGapS / P.intervalS;
const OFFSET_SLOTS = P.localUtcOffsetH * 60;
const col = (k: ChannelKey) => statChannel(k);
const POWERS = [...new Set(REGISTERS.map((r) => REGISTER_CHANNELS[r].power))];
const reg = (r: RegisterName) => col(REGISTER_CHANNELS[r].register);
const pw = (r: RegisterName) => col(REGISTER_CHANNELS[r].power);
const pos = (x: string) => `coalesce(CASE WHEN ${x} > 0 THEN ${x} * ${D} END, 0)`;

/** Per-register statistics over segment rows (rs, rf_r, rl_r, nrf_r, pn_r, net_r, pos_r); `first`/`last` mark the day's first and last reading. */
const segmentAgg = (r: string, cov: string, first: string, last: string): string[] => [
  `count(*) AS ${r}_n`, `max(CASE WHEN ${first} THEN rf_${r} END) AS ${r}_first_v`, `min(rs) AS ${r}_first_sod`, `max(CASE WHEN ${last} THEN rl_${r} END) AS ${r}_last_v`,
  `max(rs) AS ${r}_last_sod`, `max(CASE WHEN nrf_${r} < rl_${r} OR rl_${r} < rf_${r} THEN 1 ELSE 0 END) AS ${r}_back`,
  `count(*) FILTER (WHERE ${cov}) + count(*) FILTER (WHERE rl_${r} <> rf_${r}) AS ${r}_pairs`,
  `coalesce(sum(nrf_${r} - rl_${r}) FILTER (WHERE ${cov}), 0) + sum(rl_${r} - rf_${r}) AS ${r}_dreg`,
  `coalesce(sum(net_${r}) FILTER (WHERE ${cov}), 0) AS ${r}_net_ws`, `coalesce(sum(pos_${r}) FILTER (WHERE ${cov}), 0) AS ${r}_pos_ws`,
  `max(CASE WHEN ${last} THEN pn_${r} END) AS ${r}_tail_pn`, `max(CASE WHEN ${last} THEN net_${r} END) AS ${r}_tail_net`,
  `max(CASE WHEN ${last} THEN pos_${r} END) AS ${r}_tail_pos`,
];

/** Full registers: segments from the slot rows in closed form (see above); `sp` holds each day's lead (the spill). */
function fullCtes(regs: readonly RegisterName[], presence: PresenceByChannel): string[] {
  const withFill = Object.values(presence).includes('partial') ? 'LEFT JOIN temp.kd_lb f ON f.unit_id = s.unit_id AND f.slot = s.slot' : '';
  const powers = [...new Set(regs.map((r) => REGISTER_CHANNELS[r].power))];
  const dayOf = (x: string) => `(${x} + ${OFFSET_SLOTS}) // ${SLOTS_PER_DAY}`;
  // One window over the slot rows: the neighbours' slots and the next row's register values (joins cost more).
  const u = 'OVER (PARTITION BY s.unit_id ORDER BY s.slot)';
  const rows = `SELECT *, ps IS NULL OR ${dayOf('ps')} <> day AS is_first, ns IS NULL OR ${dayOf('ns')} <> day AS is_last,
      ${regs.map((r) => `CASE WHEN ${dayOf('ns')} = day THEN nf_${r} END AS nrf_${r}`).join(', ')} FROM (
    SELECT s.unit_id, s.slot, ${dayOf('s.slot')} AS day, (s.slot + ${OFFSET_SLOTS}) % ${SLOTS_PER_DAY} AS rs, lag(s.slot) ${u} AS ps, lead(s.slot) ${u} AS ns,
      ${regs.map((r) => `s.f_${reg(r)} AS rf_${r}, s.m_${reg(r)} AS rl_${r}, lead(s.f_${reg(r)}) ${u} AS nf_${r}`).join(', ')},
      ${powers.map((k) => `coalesce(s.m_${col(k)}, ${extended(k, presence)}) AS vr_${col(k)}, ${extended(k, presence)} AS vg_${col(k)}`).join(', ')}
    FROM temp.kd_slot s ${withFill})`;
  // Gap slots after the row (bridged when the next row is 2…15 slots on), those inside its day, and the spill.
  const gaps = `SELECT *, least(g, ${SLOTS_PER_DAY - 1} - rs) AS g_in, g - least(g, ${SLOTS_PER_DAY - 1} - rs) AS g_out FROM (
      SELECT *, CASE WHEN ns - slot BETWEEN 2 AND ${BRIDGE} THEN ns - slot - 1 ELSE 0 END AS g FROM (${rows}))`;
  const seg = regs.flatMap((r) => {
    const p = pw(r);
    return [`(vr_${p} IS NOT NULL)::INTEGER + g_in * (vg_${p} IS NOT NULL)::INTEGER AS pn_${r}`,
      `coalesce(vr_${p} * ${D}, 0) + g_in * coalesce(vg_${p} * ${D}, 0) AS net_${r}`, `${pos(`vr_${p}`)} + g_in * ${pos(`vg_${p}`)} AS pos_${r}`];
  });
  // A pair is covered when the power is present in every slot from this reading to the next one in the day.
  const agg = regs.flatMap((r) => segmentAgg(r, `NOT is_last AND pn_${r} = ns - slot`, 'is_first', 'is_last'));
  const spill = powers.map((k) => `g_out * (vg_${col(k)} IS NOT NULL)::INTEGER AS sc_${col(k)}, g_out * coalesce(vg_${col(k)} * ${D}, 0) AS ss_${col(k)},
      g_out * ${pos(`vg_${col(k)}`)} AS sp_${col(k)}`);
  return [
    `fg AS (${gaps})`,
    `af AS (SELECT unit_id, day, ${agg.join(', ')} FROM (SELECT *, ${seg.join(', ')} FROM fg) SEMI JOIN temp.kd_days USING (unit_id, day) GROUP BY unit_id, day)`,
    `sp AS (SELECT unit_id, day + 1 AS day, ${spill.join(', ')} FROM fg WHERE g_out > 0)`,
  ];
}

/** A partial register: its reading rows in `kd_st` with the power prefixes there and at the next reading. */
function partialCte(r: RegisterName): string {
  const k = reg(r); const p = pw(r);
  const w = 'OVER (PARTITION BY unit_id, day ORDER BY slot)';
  const rows = `SELECT unit_id, day, sod AS rs, f_${k} AS rf_${r}, v_${k} AS rl_${r}, pc_${p} AS c0, ps_${p} AS s0, pp_${p} AS p0, row_number() ${w} = 1 AS is_first,
      lead(sod) ${w} AS nrs, lead(f_${k}) ${w} AS nrf_${r}, lead(pc_${p}) ${w} AS nc, lead(ps_${p}) ${w} AS ns, lead(pp_${p}) ${w} AS np
    FROM temp.kd_st WHERE st_${k} = 1`;
  const seg = `SELECT *, coalesce(nc, tc_${p}) - c0 AS pn_${r}, coalesce(ns, ts_${p}) - s0 AS net_${r}, coalesce(np, tp_${p}) - p0 AS pos_${r} FROM (${rows}) JOIN t USING (unit_id, day)`;
  const agg = [...segmentAgg(r, `nrs IS NOT NULL AND pn_${r} = nrs - rs`, 'is_first', 'nrs IS NULL'),
    `max(CASE WHEN is_first THEN c0 END) AS ${r}_lead_pn`, `max(CASE WHEN is_first THEN s0 END) AS ${r}_lead_net`, `max(CASE WHEN is_first THEN p0 END) AS ${r}_lead_pos`];
  return `a_${r} AS (SELECT unit_id, day, ${agg.join(', ')} FROM (${seg}) GROUP BY unit_id, day)`;
}

/** `kd_regs`: one row per unit and day of the chunk with the rg_* statistics (lead/tail coverage decided at insert). */
export const regsSql = (p2: string, presence: PresenceByChannel): string => {
  const cls = (r: RegisterName) => presence[REGISTER_CHANNELS[r].register];
  const full = REGISTERS.filter((r) => cls(r) === 'full');
  const partial = REGISTERS.filter((r) => cls(r) === 'partial');
  const totals = POWERS.map((k) => {
    const x = `v_${col(k)}`;
    return `count(${x}) AS tc_${col(k)}, coalesce(sum(${x} * ${D}), 0) AS ts_${col(k)}, coalesce(sum(CASE WHEN ${x} > 0 THEN ${x} * ${D} END), 0) AS tp_${col(k)}`;
  });
  const ctes = [`t AS (SELECT unit_id, day, ${totals.join(', ')} FROM ${p2} GROUP BY unit_id, day)`, ...(full.length > 0 ? fullCtes(full, presence) : []), ...partial.map(partialCte)];
  const select = REGISTERS.flatMap((r) => {
    const p = pw(r);
    const a = cls(r) === 'full' ? `af.${r}` : `a_${r}.${r}`;
    const x = (s: string, dflt: string | number) => (cls(r) === 'absent' ? `${dflt}` : `coalesce(${a}_${s}, ${dflt})`);
    // Lead: the slots before the day's first reading (the spill of the previous day's last gap for a full register;
    // the whole day without a reading); tail: the last reading → day end.
    const lead = (s: string, spill: string, total: string) =>
      cls(r) === 'full' ? `coalesce(sp.${spill}_${p}, 0)` : cls(r) === 'absent' ? `t.${total}_${p}` : `coalesce(${a}_lead_${s}, t.${total}_${p})`;
    return [
      `${x('n', 0)} AS rg_${r}_n`, `${x('first_v', 0)} AS rg_${r}_first_v`, `${x('first_sod', SLOTS_PER_DAY)} AS rg_${r}_first_sod`,
      `${x('last_v', 0)} AS rg_${r}_last_v`, `${x('last_sod', 0)} AS rg_${r}_last_sod`, `${x('back', 0)} AS rg_${r}_back`,
      `${x('pairs', 0)} AS rg_${r}_pairs`, `${x('dreg', 0)} AS rg_${r}_dreg`, `${x('net_ws', 0)} AS rg_${r}_net_ws`, `${x('pos_ws', 0)} AS rg_${r}_pos_ws`,
      `${lead('pn', 'sc', 'tc')} AS rg_${r}_lead_pn`, `${lead('net', 'ss', 'ts')} AS rg_${r}_lead_net_ws`, `${lead('pos', 'sp', 'tp')} AS rg_${r}_lead_pos_ws`,
      `${x('tail_pn', 0)} AS rg_${r}_tail_pn`, `${x('tail_net', 0)} AS rg_${r}_tail_net_ws`, `${x('tail_pos', 0)} AS rg_${r}_tail_pos_ws`,
    ];
  });
  const joins = [
    ...(full.length > 0 ? ['LEFT JOIN af ON af.unit_id = t.unit_id AND af.day = t.day', 'LEFT JOIN sp ON sp.unit_id = t.unit_id AND sp.day = t.day'] : []),
    ...partial.map((r) => `LEFT JOIN a_${r} ON a_${r}.unit_id = t.unit_id AND a_${r}.day = t.day`),
  ];
  return `CREATE OR REPLACE TEMP TABLE kd_regs AS WITH ${ctes.join(',\n    ')}
    SELECT t.unit_id, t.day, ${select.join(', ')} FROM t ${joins.join(' ')}`;
};
