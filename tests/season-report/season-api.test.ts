/**
 * The season report API on the real platform (demo fleet, real DuckDB, telemetry through MQTT): each role sees
 * its scope, figures equal the raw KPI engine on the same stored readings, bad input is refused naming the field,
 * a period without data and a unit without a heat meter get clear answers.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeUnitKpis } from '../../src/analytics/unit-kpis/index.js';
import type { Series } from '../../src/contract/api.js';
import type { AfterSalesWire, CreditListWire, Distribution, FleetTable, RankingWire, ShortfallRankingWire, UnitReport } from '../../src/contract/season-report.js';
import type { EmitterType, HeatPumpTypeKey } from '../../src/domain/heat-pump-types.js';
import { renderText } from '../../src/contract/texts/render-text.js';
import { UNIT_WARNING_TEXTS } from '../../src/contract/texts/unit-texts.js';
import type { RunningPlatform } from '../../src/main/platform.js';
import { loginAs, type ApiSession } from '../support/api-session.js';
import { DEMO, rawSession, startSeasonPlatform } from './support.js';

const BASE = '/api/v1/performance';

describe('season report API', { timeout: 300_000 }, () => {
  let p: RunningPlatform;
  let regulator: ApiSession; let operator: ApiSession; let operator2: ApiSession; let household: ApiSession;
  const password = (u: string) => p.demoCredentials.find((c) => c.username === u)?.password ?? '';
  beforeAll(async () => {
    p = await startSeasonPlatform();
    [regulator, operator, operator2, household] = (await Promise.all(['regulator', 'operator', 'operator2', 'household'].map((u) => loginAs(p.url, u, password(u))))) as [ApiSession, ApiSession, ApiSession, ApiSession];
  }, 240_000);
  afterAll(async () => p?.close());

  it('defaults to the heating season clamped to the days with readings, and each role sees its own scope', async () => {
    const all = await regulator.get<FleetTable>(`${BASE}/units?pageSize=500`);
    expect(all.status).toBe(200);
    const t = all.body;
    expect(t.period).toMatchObject({ source: 'default-season', season: { from: '2018-11-15', to: '2019-03-16' }, clampedToData: true, from: '2018-12-16', to: '2018-12-20', days: 4, timezone: 'Asia/Shanghai (UTC+08:00)' });
    expect(t.population).toMatchObject({ unitsInScope: DEMO.households, unitsMatched: DEMO.households, unitsWithData: DEMO.households });
    expect(t.columns.find((c) => c.key === 'spfH2')).toMatchObject({ label: 'SPF H2', boundary: 'h2' });
    expect(t.items.every((r) => r.values.spfH2 !== null && r.values.spfH2 > 1 && r.values.spfH2 < 7)).toBe(true);

    const own = (await operator.get<FleetTable>(`${BASE}/units?pageSize=500`)).body;
    const other = (await operator2.get<FleetTable>(`${BASE}/units?pageSize=500`)).body;
    expect(own.items.length + other.items.length).toBe(DEMO.households);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.population.scope).toMatch(/operated or serviced by/);
    const home = (await household.get<FleetTable>(`${BASE}/units`)).body;
    expect(home.items).toHaveLength(1);
    expect(home.population.scope).toMatch(/your household/);

    // Out of scope is "not found"; fleet statistics are not for households.
    const foreign = other.items[0]?.unitId as string;
    expect((await operator.get(`${BASE}/units/${foreign}?expected=false`)).status).toBe(404);
    expect((await household.get(`${BASE}/rankings`)).status).toBe(403);
    expect((await household.get(`${BASE}/credit-list`)).status).toBe(403);
    expect((await household.get(`${BASE}/units/${home.items[0]?.unitId}?expected=false`)).status).toBe(200);
  });

  it('gives the same figures as the raw KPI engine on the unit\'s stored readings', async () => {
    const t = (await regulator.get<FleetTable>(`${BASE}/units?sort=spfH2&order=desc&pageSize=3`)).body;
    expect(t.items).toHaveLength(3);
    expect(t.items[0]?.values.spfH2 ?? 0).toBeGreaterThanOrEqual(t.items[1]?.values.spfH2 ?? 0);
    const row = t.items[1];
    if (!row) throw new Error('no row');
    const fromMs = Date.parse(t.period.fromIso); const toMs = Date.parse(t.period.toIso);
    const raw = (await regulator.get<Series>(`/api/v1/units/${row.unitId}/series?resolution=raw&from=${fromMs}&to=${toMs}`)).body;
    expect(raw.truncated).toBe(false);
    const readings = raw.points.map((pt) => ({ unitId: row.unitId, tsMs: pt.tsMs, values: pt.values }));
    const k = computeUnitKpis(readings, { unitId: row.unitId, nominalCapacityKw: row.nominalCapacityKw, type: row.unitType as HeatPumpTypeKey, emitter: row.emitter as EmitterType }, { fromMs, toMs });
    expect(row.values.spfH2).toBeCloseTo(k.spf.h2 as number, 9);
    expect(row.values.heatKWh).toBeCloseTo(k.energy.heatKWh.metered.kWh as number, 6);
    expect(row.values.electricityH2KWh).toBeCloseTo(k.energy.electricityKWh.unitH2.kWh as number, 6);
    expect(row.values.hoursBelowTarget).toBeCloseTo(k.comfort.hoursBelow, 6);
    const detail = (await regulator.get<UnitReport>(`${BASE}/units/${row.unitId}?expected=false`)).body;
    expect(detail.boundaries.find((b) => b.boundary === 'h2')).toMatchObject({ definition: expect.stringMatching(/^SPF H2 = /) as unknown });
    expect(detail.boundaries.find((b) => b.boundary === 'h2')?.spf).toBeCloseTo(k.spf.h2 as number, 9);
  });

  /** Asks again, as the page does, until the twin has answered (the API never holds a request for long). */
  const untilTwinReady = async <T>(get: () => Promise<T>, ready: (x: T) => boolean): Promise<T> => {
    for (let i = 0; i < 240; i++) {
      const x = await get();
      if (ready(x)) return x;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('the twin did not finish within 2 minutes');
  };

  it('runs the twin for expected vs actual in the background, caches the run, and ranks shortfalls as runs finish', async () => {
    const home = (await household.get<FleetTable>(`${BASE}/units`)).body.items[0]?.unitId as string;
    // Backfilled days only: the demo keeps sending readings for its live day, and new readings change the KPIs
    // (so the cache key) of any period that includes it.
    const unitUrl = `${BASE}/units/${home}?from=2018-12-16&to=2018-12-18`;
    const first = await untilTwinReady(async () => (await household.get<UnitReport>(unitUrl)).body, (r) => {
      // Until ready the report still answers, with the status and when to ask again.
      if (r.expectedVsActualStatus.state === 'computing') { expect(r.expectedVsActual).toBeNull(); expect(r.expectedVsActualStatus.retryAfterMs).toBeGreaterThan(0); }
      return r.expectedVsActualStatus.state !== 'computing';
    });
    expect(first.expectedVsActualStatus.state).toBe('ready');
    const eva = first.expectedVsActual;
    expect(eva?.expected?.spf.h2).toBeGreaterThan(1);
    expect(eva?.boundaryLabel).toMatch(/^SPF H2, 2018-12-16\.\.2018-12-17 /); // local days, the last inclusive
    expect(['evaluated', 'not-evaluable']).toContain(eva?.status);
    expect((await household.get<UnitReport>(unitUrl)).body.expectedVsActual?.cached).toBe(true);
    const off = (await household.get<UnitReport>(`${unitUrl}&expected=false`)).body;
    expect([off.expectedVsActual, off.expectedVsActualStatus.state]).toEqual([null, 'not-requested']);

    const r = await untilTwinReady(async () => (await operator.get<ShortfallRankingWire>(`${BASE}/expected-vs-actual`)).body, (x) => {
      expect(x.ranked.length + x.notEvaluable.length + x.notComputed.length + x.twin.failed).toBe(x.population.unitsWithData);
      expect(x.twin.pending).toBe(x.notComputed.length);
      return x.twin.state === 'complete';
    });
    expect(r.boundary).toBe('h2');
    expect(r.notComputed).toEqual([]);
    expect([r.twin.done, r.twin.failed, r.twin.retryAfterMs]).toEqual([r.population.unitsWithData, 0, null]);
    for (let i = 1; i < r.ranked.length; i++) expect((r.ranked[i]?.gapPct ?? 0)).toBeGreaterThanOrEqual(r.ranked[i - 1]?.gapPct ?? 0);
  });

  it('answers report requests while the twin computes a long expected-vs-actual ranking, and says how far it got', async () => {
    // 200 days per unit keep the twin's worker busy for a while; the readings' days lie inside the period.
    const long = `${BASE}/expected-vs-actual?from=2018-09-01&to=2019-03-20`;
    const started = (await regulator.get<ShortfallRankingWire>(long)).body;
    expect(started.twin.state).toBe('computing');
    expect(started.twin.pending).toBeGreaterThan(0);
    expect(started.notesZh.some((n) => n.includes('数字孪生仍在计算'))).toBe(true);
    const [units, ranking, credit] = await Promise.all([
      regulator.get<FleetTable>(`${BASE}/units?pageSize=5`), regulator.get<RankingWire>(`${BASE}/rankings?groupBy=model&minUnits=1`), regulator.get<CreditListWire>(`${BASE}/credit-list`),
    ]);
    expect([units.status, ranking.status, credit.status]).toEqual([200, 200, 200]);
    expect(units.body.items.length).toBeGreaterThan(0);
    // …and the twin had not finished meanwhile: those requests did not wait for it.
    const after = (await regulator.get<ShortfallRankingWire>(long)).body;
    expect(after.twin.state).toBe('computing');
    expect(after.twin.done).toBeLessThan(after.twin.total);
  });

  it('refuses bad input with the field named', async () => {
    const cases: [string, RegExp][] = [
      [`${BASE}/units?from=2018-12-01`, /to: give both from and to/],
      [`${BASE}/units?from=2018-12-10&to=2018-12-01`, /to: to must be after from/],
      [`${BASE}/units?from=2018-02-30&to=2018-03-02`, /from: not a calendar date/],
      [`${BASE}/units?unitType=steam-engine`, /unitType/],
      [`${BASE}/units?sort=spfH9`, /sort/],
      [`${BASE}/distribution?kpi=happiness`, /kpi/],
      [`${BASE}/comparison?unitIds=a&kpis=spfH2,nonsense`, /kpis: unknown KPI nonsense/],
      [`${BASE}/influence-factors?factors=colour`, /factors: unknown factor colour/],
      [`${BASE}/units?minCapacityKw=10&maxCapacityKw=8`, /maxCapacityKw/],
    ];
    for (const [path, message] of cases) {
      const res = await regulator.get<{ error: { message: string } }>(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.message, path).toMatch(message);
    }
    const badRule = await regulator.send<{ error: { message: string } }>('POST', `${BASE}/credit-list`, { rules: [{ kind: 'median-spf-below', boundary: 'h2', minUnits: 1, minCoveragePct: 0, thresholdSpf: -2 }] });
    expect(badRule.status).toBe(400);
    expect(badRule.body.error.message).toMatch(/rules\.0\.thresholdSpf/);
    const unknownKind = await regulator.send<{ error: { message: string } }>('POST', `${BASE}/credit-list`, { rules: [{ kind: 'vibes', minUnits: 1 }] });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error.message).toMatch(/rules\.0\.kind/);
    expect((await regulator.get(`${BASE}/comparison?unitIds=nobody-hp1`)).status).toBe(404);
  });

  it('answers a period without data with null figures and the reason, never a number', async () => {
    const t = (await regulator.get<FleetTable>(`${BASE}/units?from=2018-01-01&to=2018-01-08`)).body;
    expect(t.period).toMatchObject({ source: 'requested', from: '2018-01-01', days: 7, dataDays: null });
    expect(t.population.unitsWithData).toBe(0);
    expect(t.notes.join(' ')).toMatch(/no readings of the selected units/);
    expect(t.items.every((r) => r.status === 'no-data' && r.values.spfH2 === null && r.spfReasons.h2 === 'no-data')).toBe(true);
    const d = (await regulator.get<Distribution>(`${BASE}/distribution?from=2018-01-01&to=2018-01-08&kpi=spfH2`)).body;
    expect(d).toMatchObject({ n: 0, nMissing: DEMO.households, quantiles: null, mean: null });
  });

  it('labels a unit without a heat meter and a power channel sent in kW, and counts its fault events', async () => {
    const own = (await operator.get<FleetTable>(`${BASE}/units`)).body.items[0];
    if (!own) throw new Error('operator has no unit');
    const day = Date.parse('2018-12-01T00:00:00+08:00');
    // A day before the demo's history: unit power in kW (1.2 instead of 1200 W), no heat meter, fault E3 twice.
    const readings = Array.from({ length: 96 }, (_, i) => ({
      ts: day + i * 900_000, unit: own.unitId, values: { unitPowerW: i % 4 === 0 ? 0 : 1.2, outdoorTempC: -2, indoorTempC: 19 },
      ...(i >= 10 && i < 14 ? { fault: 'E3' } : i >= 40 && i < 42 ? { fault: 'E3' } : {}),
    }));
    expect((await operator.send('POST', '/api/v1/telemetry', { readings })).status).toBe(200);
    const q = 'from=2018-12-01&to=2018-12-02';
    const u = (await operator.get<UnitReport>(`${BASE}/units/${own.unitId}?${q}&expected=false`)).body;
    const h2 = u.boundaries.find((b) => b.boundary === 'h2');
    expect(h2?.spf).toBeNull();
    expect(h2?.reason).toBe('no-heat-meter');
    expect(u.figures.find((f) => f.key === 'spfH2')).toMatchObject({ value: null, reason: 'no-heat-meter' });
    expect(u.plausibility.excludedChannels).toContain('unitPowerW');
    expect(u.plausibility.flags.find((f) => f.channel === 'unitPowerW')?.code).toBe('looks-like-kw-sent-as-w');
    // The warning also comes as a code with its numbers (beside the English), worded in Chinese for zh-CN readers.
    const w = u.warningRefs.findIndex((r) => r.code === 'kw-sent-as-w-day-aggregates');
    expect(u.warningRefs[w]).toEqual({ code: 'kw-sent-as-w-day-aggregates', params: { channel: 'unitPowerW', limitW: expect.any(Number) as unknown } });
    expect(u.warnings[w]).toBe(renderText(UNIT_WARNING_TEXTS, u.warningRefs[w] ?? { code: '', params: {} }, 'en'));
    expect(renderText(UNIT_WARNING_TEXTS, u.warningRefs[w] ?? { code: '', params: {} }, 'zh-CN')).toMatch(/^unitPowerW：多数正值低于 \d+ W，疑似以 W 为单位上报了 kW 数值/);
    expect(u.plausibility.flags.find((f) => f.channel === 'unitPowerW')?.text.code).toBe('looks-like-kw-sent-as-w');
    const row = (await operator.get<FleetTable>(`${BASE}/units?${q}&pageSize=500`)).body.items.find((r) => r.unitId === own.unitId);
    expect(row?.warningRefs.map((r) => r.code)).toContain('kw-sent-as-w-day-aggregates');
    const html = await (await rawSession(p.url, 'operator', password('operator')))(`${BASE}/report.html?${q}&lang=zh-CN`);
    expect(await html.text()).toMatch(/<tr data-unit="[^"]+" data-code="kw-sent-as-w-day-aggregates"><td class="t">[^<]+<\/td><td class="t">unitPowerW：多数正值低于/);
    const a = (await operator.get<AfterSalesWire>(`${BASE}/after-sales?${q}&groupBy=manufacturer`)).body;
    expect(a.fleet.faultEvents).toBe(2);
    expect(a.fleet.byCode).toEqual({ E3: 2 });
    expect(a.serviceRecords.available).toBe(false);
  });

  it('ranks models and applies default or posted credit rules, with evidence, within scope', async () => {
    const r = (await regulator.get<RankingWire>(`${BASE}/rankings?groupBy=manufacturer&minUnits=1&minCoveragePct=0&minHeatKWh=0`)).body;
    expect(r.boundaryLabel).toMatch(/^SPF H2 = /);
    expect(r.ranked.length).toBeGreaterThan(0);
    expect(r.ranked.reduce((s, g) => s + g.n, 0) + r.excludedUnits.length).toBe(r.population.unitsMatched);
    const def = (await operator.get<CreditListWire>(`${BASE}/credit-list`)).body;
    expect(def.rulesSource).toBe('default: data/credit-rules.json');
    expect(def.rules.map((x) => x.ruleId)).toContain('median-spf-h2-below-2.5');
    // Operators judge their own fleet by the default rules only.
    expect((await operator.send('POST', `${BASE}/credit-list`, { rules: [{ kind: 'not-evaluable-share', minUnits: 1, maxSharePct: 0 }] })).status).toBe(403);
    const strict = (await regulator.send<CreditListWire>('POST', `${BASE}/credit-list`, { rules: [{ id: 'all-below-10', kind: 'median-spf-below', groupBy: 'manufacturer', boundary: 'h2', thresholdSpf: 10, minUnits: 1, minCoveragePct: 0 }] })).body;
    expect(strict.rulesSource).toBe('request body');
    expect(strict.entries.length).toBeGreaterThan(0);
    const e = strict.entries[0];
    expect(e).toMatchObject({ ruleId: 'all-below-10', boundary: 'h2', threshold: 10, statistic: 'median SPF H2' });
    expect(e?.units.length).toBe(e?.n);
    expect(e?.units.every((x) => x.fails && x.figure !== null)).toBe(true);
  });
  it('exports CSV, XLSX and printable HTML with the same numbers as the JSON, period, boundary and population named', async () => {
    // An explicit period: an earlier test stored a day of readings before the demo's history.
    const q = 'from=2018-12-16&to=2018-12-20';
    const json = (await regulator.get<FleetTable>(`${BASE}/units?${q}&pageSize=500`)).body;
    const f = await rawSession(p.url, 'regulator', password('regulator'));
    const csvRes = await f(`${BASE}/report.csv?${q}`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await csvRes.text();
    expect(csv.split('\n')[0]).toMatch(/^# heatfleet season report; period 2018-12-16\.\.2018-12-19 \(local days, Asia\/Shanghai.*; requested\)$/);
    expect(csv).toMatch(/\n# population: every site in .*10 units matched/);
    expect(csv).toMatch(/\n# boundaries: SPF H1 = /);
    const rows = parse(csv, { comment: '#', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.items.length);
    const spfCol = 'SPF H2 (H2) [-]';
    const elecCol = 'electricity, unit (H2) [kWh]';
    // The same figure, up to the last bits: DuckDB's parallel sums may add in a different order from one query to the next.
    const same = (got: unknown, want: number | null | undefined) => {
      if (want === null || want === undefined) return expect(got === null || got === '' || got === undefined).toBe(true);
      expect(Math.abs(Number(got) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
    };
    for (const item of json.items) {
      const row = rows.find((r) => r.unit_id === item.unitId);
      same(row?.[spfCol], item.values.spfH2);
      same(row?.[elecCol], item.values.electricityH2KWh);
    }

    const xlsxRes = await f(`${BASE}/report.xlsx?${q}`);
    expect(xlsxRes.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsxRes.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['units', 'rankings by model', 'rankings by manufacturer', 'credit list', 'influence factors', 'after-sales', 'method notes']);
    const sheet = wb.getWorksheet('units');
    if (!sheet) throw new Error('no units sheet');
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/period 2018-12-16\.\.2018-12-19/);
    let headerRow = 0;
    sheet.eachRow((r, i) => { if (r.getCell(1).value === 'unit_id') headerRow = i; });
    const header = (sheet.getRow(headerRow).values as unknown[]).map(String);
    const spfIdx = header.indexOf(spfCol);
    expect(spfIdx).toBeGreaterThan(0);
    for (let i = headerRow + 1; i <= sheet.rowCount; i++) {
      const r = sheet.getRow(i);
      const item = json.items.find((x) => x.unitId === r.getCell(1).value);
      same(r.getCell(spfIdx).value, item?.values.spfH2);
    }
    expect(sheet.rowCount - headerRow).toBe(json.items.length);

    for (const lang of ['en', 'zh-CN'] as const) {
      const htmlRes = await f(`${BASE}/report.html?${q}&lang=${lang}`);
      expect(htmlRes.status).toBe(200);
      expect(htmlRes.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const html = await htmlRes.text();
      expect(html).not.toMatch(/<script|<link|https?:\/\//);
      expect(html).toMatch(/@media print/);
      for (const id of ['units', 'rankings-model', 'rankings-manufacturer', 'influence-factors']) expect(html).toContain(`<table id="${id}">`);
      expect(html).toMatch(/<caption>[^<]*2018-12-16\.\.2018-12-19[^<]*<\/caption>/);
      const first = json.items[0];
      expect(html).toMatch(new RegExp(`<tr data-unit="${first?.unitId}">.*<td data-kpi="spfH2">${(first?.values.spfH2 ?? 0).toFixed(2)}</td>`));
      expect(html).toContain(lang === 'zh-CN' ? '采暖季报告' : 'Season report');
    }
    // A household's export holds its own unit only, and no fleet tables.
    const home = await rawSession(p.url, 'household', password('household'));
    const homeCsv = parse(await (await home(`${BASE}/report.csv`)).text(), { comment: '#', columns: true }) as unknown[];
    expect(homeCsv).toHaveLength(1);
    const homeHtml = await (await home(`${BASE}/report.html`)).text();
    expect(homeHtml).not.toContain('<table id="rankings-model">');
  });
});
