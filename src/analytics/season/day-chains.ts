/**
 * Figures built from runs of slots that can cross midnight (season-report.md, "Episodes across midnight"):
 * each day stores the pieces touching its first and last slot; these functions join the pieces of
 * consecutive days in the report, so an episode is judged whole, exactly as the raw engine judges it.
 */
import type { CycleVariant, KpiDay, RegisterName, RunVariant } from './kpi-day.js';
import { SLOTS_PER_DAY } from './kpi-day.js';

/** The report's days in order; null where the unit has no row (no reading that day). */
export type DaySeq = readonly (KpiDay | null)[];

const st = (d: KpiDay, name: string): number => {
  const x = d.stats[name];
  if (x === undefined) throw new Error(`day aggregate of ${d.unitId} day ${d.day} lacks statistic ${name}`);
  return x;
};
export { st as dayStat };

/** Compressor starts including those at midnight between two report days. */
export function chainStarts(days: DaySeq, v: CycleVariant): number {
  let n = 0;
  days.forEach((d, i) => {
    if (!d) return;
    n += st(d, `cy_${v}_starts`);
    const prev = i > 0 ? days[i - 1] : null;
    if (prev && st(prev, `cy_${v}_last`) === 0 && st(d, `cy_${v}_first`) === 1) n++;
  });
  return n;
}

/** Defrost episodes: a day counts an episode starting at its first slot; one continuing from the previous day is not new. */
export function chainDefrostEpisodes(days: DaySeq, v: 'flag' | 'neg'): number {
  let n = 0;
  days.forEach((d, i) => {
    if (!d) return;
    n += st(d, `df_${v}_ep`);
    const prev = i > 0 ? days[i - 1] : null;
    if (prev && st(prev, `df_${v}_last`) === 1 && st(d, `df_${v}_first`) === 1) n--;
  });
  return n;
}

export interface CycleChain { readonly completeCycles: number; readonly shortCycles: number; readonly onTimesMin: number[] }

/** On-times bounded by off slots on both sides, with those crossing midnight joined (cycling.md). */
export function chainCycles(days: DaySeq, v: CycleVariant, shortCycleMaxOnS: number, intervalS: number): CycleChain {
  let complete = 0; let short = 0;
  const onTimes: number[] = [];
  let open: { len: number; afterOff: boolean } | null = null;
  const judge = (len: number) => { complete++; onTimes.push((len * intervalS) / 60); if (len * intervalS < shortCycleMaxOnS) short++; };
  days.forEach((d, i) => {
    if (!d) { open = null; return; }
    const prev = i > 0 ? days[i - 1] : null;
    const leadN = st(d, `cy_${v}_lead_n`);
    if (leadN > 0) {
      const cur: { len: number; afterOff: boolean } = open ?? { len: 0, afterOff: prev !== null && prev !== undefined && st(prev, `cy_${v}_last`) === 0 };
      cur.len += leadN;
      if (leadN === SLOTS_PER_DAY) { open = cur; return; }
      if (cur.afterOff && st(d, `cy_${v}_lead_aft`) === 0) judge(cur.len);
    } else if (open !== null) {
      const o: { len: number; afterOff: boolean } = open;
      if (o.afterOff && st(d, `cy_${v}_first`) === 0) judge(o.len);
    }
    open = null;
    complete += st(d, `cy_${v}_complete`);
    short += st(d, `cy_${v}_short`);
    for (const m of d.onTimesMin[v]) onTimes.push((m * intervalS) / 60);
    const tailN = st(d, `cy_${v}_tail_n`);
    if (tailN > 0) open = { len: tailN, afterOff: st(d, `cy_${v}_tail_bef`) === 0 };
  });
  return { completeCycles: complete, shortCycles: short, onTimesMin: onTimes };
}

export interface FaultChain { readonly episodes: number; readonly durationS: number; readonly electricityWs: number }

/** Heat-meter fault runs, joined across midnight and judged against the minimum length once whole. */
export function chainHeatFault(days: DaySeq, r: RunVariant, minEpisodeS: number, intervalS: number): FaultChain {
  let episodes = 0; let durationS = 0; let electricityWs = 0;
  let open: { len: number; elec: number } | null = null;
  const close = () => {
    if (open && open.len * intervalS >= minEpisodeS) { episodes++; durationS += open.len * intervalS; electricityWs += open.elec; }
    open = null;
  };
  for (const d of days) {
    if (!d) { close(); continue; }
    const leadN = st(d, `ft_${r}_lead_n`);
    if (leadN > 0) {
      const o: { len: number; elec: number } = open ?? { len: 0, elec: 0 };
      o.len += leadN; o.elec += st(d, `ft_${r}_lead_elec_ws`);
      open = o;
      if (leadN === SLOTS_PER_DAY) continue;
    }
    close();
    episodes += st(d, `ft_${r}_ep`); durationS += st(d, `ft_${r}_s`); electricityWs += st(d, `ft_${r}_elec_ws`);
    const tailN = st(d, `ft_${r}_tail_n`);
    if (tailN > 0) open = { len: tailN, elec: st(d, `ft_${r}_tail_elec_ws`) };
  }
  close();
  return { episodes, durationS, electricityWs };
}

export interface RegisterChain {
  readonly readings: number; readonly firstKWh: number; readonly lastKWh: number; readonly wentBackwards: boolean;
  readonly pairs: number; readonly registerKWh: number; readonly netWs: number; readonly positiveWs: number;
}

/** Consecutive register readings and the integrated power between them, pairs across midnight included. */
export function chainRegister(days: DaySeq, r: RegisterName): RegisterChain {
  let readings = 0; let first = 0; let last = 0; let back = false; let pairs = 0; let reg = 0; let net = 0; let pos = 0;
  let pending: { v: number; cov: boolean; net: number; pos: number } | null = null;
  for (const d of days) {
    if (!d) { if (pending) pending.cov = false; continue; }
    const n = st(d, `rg_${r}_n`);
    const lead = { cov: st(d, `rg_${r}_lead_cov`) === 1, net: st(d, `rg_${r}_lead_net_ws`), pos: st(d, `rg_${r}_lead_pos_ws`) };
    if (n === 0) {
      if (pending) { pending.cov &&= lead.cov; pending.net += lead.net; pending.pos += lead.pos; }
      continue;
    }
    const firstV = st(d, `rg_${r}_first_v`);
    if (readings === 0) first = firstV;
    if (pending) {
      if (firstV < pending.v) back = true;
      if (pending.cov && lead.cov) { pairs++; reg += firstV - pending.v; net += pending.net + lead.net; pos += pending.pos + lead.pos; }
    }
    readings += n;
    if (st(d, `rg_${r}_back`) === 1) back = true;
    pairs += st(d, `rg_${r}_pairs`); reg += st(d, `rg_${r}_dreg`); net += st(d, `rg_${r}_net_ws`); pos += st(d, `rg_${r}_pos_ws`);
    last = st(d, `rg_${r}_last_v`);
    pending = { v: last, cov: st(d, `rg_${r}_tail_cov`) === 1, net: st(d, `rg_${r}_tail_net_ws`), pos: st(d, `rg_${r}_tail_pos_ws`) };
  }
  return { readings, firstKWh: first, lastKWh: last, wentBackwards: back, pairs, registerKWh: reg, netWs: net, positiveWs: pos };
}
