/**
 * Live dispatch on the demo, planned on the identified or the registered building model (docs/dispatch.md,
 * "Planner model on the demo"): starts the real platform in demo mode (DuckDB, embedded MQTT, simulated gateways, the
 * optimiser worker pool), plans and dispatches every village for the current platform day, lets it run, and prints
 * per transformer the drift replans and, over the whole slots since dispatch, the day-ahead revision's error against
 * what the households measured (energy, room temperature), and each household's model choice.
 *
 *   npx tsx bench/support/live-model-demo.ts --model identified|registered [--households 30] [--speed 60]
 *     [--hours 6] [--backfill-days 16]
 */
import { parseArgs } from 'node:util';
import type { Series } from '../../src/contract/api.js';
import type { PlanDetail, PlanSummary } from '../../src/contract/commands-api.js';
import { startPlatform } from '../../src/main/platform.js';
import { loginAs } from '../../tests/support/api-session.js';

const { values: a } = parseArgs({ options: {
  model: { type: 'string', default: 'identified' }, households: { type: 'string', default: '30' }, speed: { type: 'string', default: '60' },
  hours: { type: 'string', default: '6' }, 'backfill-days': { type: 'string', default: '16' },
} });
const model = a.model === 'registered' ? 'registered' : 'identified';
const speed = Number(a.speed), hours = Number(a.hours);
const SLOT_MS = 900_000;

const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${m}\n`);
const p = await startPlatform({
  dataDir: null, httpPort: 0, mqttPort: 0, demo: true, demoHouseholds: Number(a.households), demoSpeed: speed, demoBackfillDays: Number(a['backfill-days']),
  logLevel: 'silent', adminPassword: 'live-model-admin', replanIntervalMs: Math.max(1000, Math.round((900_000 / speed) / 2)), plannerModel: model, env: {},
});
try {
  log('platform started, backfilling');
  await p.demo?.ready;
  log('backfill stored');
  const backfillS = (Date.now() - t0) / 1000;
  const admin = await loginAs(p.url, 'admin', 'live-model-admin');
  const now = p.clock.nowMs();
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  const sites = (await admin.get<{ items: { villageId: string }[] }>('/api/v1/sites?pageSize=500')).body.items;
  const villages = [...new Set(sites.map((s) => s.villageId))];
  const planT0 = Date.now();
  const plans: PlanSummary[] = [];
  for (const v of villages) {
    const r = await admin.send<{ items: PlanSummary[] }>('POST', '/api/v1/dispatch/plans', { villageId: v, day });
    if (r.status !== 201) throw new Error(`plan ${v}: ${r.status} ${JSON.stringify(r.body)}`);
    plans.push(...r.body.items);
  }
  const planS = (Date.now() - planT0) / 1000;
  log(`planned ${plans.length} transformer(s) in ${planS.toFixed(1)} s`);
  const dispatchedMs = p.clock.nowMs();
  for (const pl of plans) {
    const r = await admin.send('POST', `/api/v1/dispatch/plans/${pl.id}/dispatch`);
    if (r.status !== 200) throw new Error(`dispatch ${pl.id}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const r1 = await Promise.all(plans.map(async (pl) => (await admin.get<PlanDetail>(`/api/v1/dispatch/plans/${pl.id}`)).body));
  const firstSlot = Math.ceil((dispatchedMs - (r1[0]?.dayStartMs ?? 0)) / SLOT_MS);
  const endMs = dispatchedMs + hours * 3_600_000;
  log(`dispatched at ${new Date(dispatchedMs).toISOString()}; running ${hours} platform hours`);
  while (p.clock.nowMs() < endMs + SLOT_MS) await new Promise((r) => setTimeout(r, 2000));
  log('run over; reading plans and measurements');
  const lastSlot = Math.min(96, Math.floor((endMs - (r1[0]?.dayStartMs ?? 0)) / SLOT_MS));
  const list = (await admin.get<{ items: PlanSummary[] } | PlanSummary[]>(`/api/v1/dispatch/plans?day=${day}&limit=500`)).body;
  const all = Array.isArray(list) ? list : list.items;
  const out: unknown[] = [];
  for (const plan of r1) {
    const revisions = all.filter((x) => x.transformerId === plan.transformerId);
    let plannedKWh = 0, measuredKWh = 0, absSlotKWh = 0, tempSq = 0, tempN = 0;
    const hh: unknown[] = [];
    for (const h of plan.households.filter((x) => !x.excluded)) {
      const s = await admin.get<Series>(
        `/api/v1/units/${encodeURIComponent(h.unitId)}/series?from=${plan.dayStartMs + firstSlot * SLOT_MS}&to=${plan.dayStartMs + lastSlot * SLOT_MS}&resolution=15m&channels=unitPowerW,indoorTempC`);
      const series = seriesOf(s.body);
      let hp = 0, hm = 0, hTempSq = 0, hTempN = 0;
      for (let k = firstSlot; k < lastSlot; k++) {
        const m = series.get(plan.dayStartMs + k * SLOT_MS);
        const planned = (h.powerW[k] ?? 0) / 4000;
        hp += planned;
        if (m?.powerW != null) { hm += m.powerW / 4000; absSlotKWh += Math.abs(m.powerW / 4000 - planned); }
        if (m?.tempC != null) { const e = m.tempC - (h.tempC[k] as number); tempSq += e * e; tempN++; hTempSq += e * e; hTempN++; }
      }
      plannedKWh += hp; measuredKWh += hm;
      hh.push({ site: h.siteId, model: h.model?.code, fitRmseK: h.model?.fitRmseK, registeredRmseK: h.model?.registeredRmseK, fitDays: h.model?.fitDays, plannedKWh: +hp.toFixed(2), measuredKWh: +hm.toFixed(2), tempRmseK: hTempN ? +Math.sqrt(hTempSq / hTempN).toFixed(2) : null });
    }
    out.push({
      transformer: plan.transformerId, households: plan.households.filter((x) => !x.excluded).length,
      identified: plan.households.filter((x) => x.model?.source === 'identified').length,
      revisions: revisions.length, driftReplans: revisions.filter((x) => x.createdBy === 'system').length,
      replanReasons: revisions.filter((x) => x.createdBy === 'system').map((x) => x.reason.slice(0, 160)),
      slots: [firstSlot, lastSlot], plannedKWh: +plannedKWh.toFixed(1), measuredKWh: +measuredKWh.toFixed(1),
      energyErrorPct: +(100 * (measuredKWh - plannedKWh) / plannedKWh).toFixed(1), meanAbsSlotErrorPct: +(100 * absSlotKWh / plannedKWh).toFixed(1),
      tempRmseK: tempN ? +Math.sqrt(tempSq / tempN).toFixed(2) : null, households_: hh,
    });
  }
  console.log(JSON.stringify({ model, day, speed, hours, backfillS, planS, dispatchedAt: new Date(dispatchedMs).toISOString(), transformers: out }, null, 1));
} finally {
  await p.close();
}

/** unitPowerW and indoorTempC 15-minute means by bucket start (GET /api/v1/units/{id}/series). */
function seriesOf(body: Series): Map<number, { powerW: number | null; tempC: number | null }> {
  return new Map(body.points.map((pt) => [pt.tsMs, { powerW: pt.values.unitPowerW ?? null, tempC: pt.values.indoorTempC ?? null }]));
}
