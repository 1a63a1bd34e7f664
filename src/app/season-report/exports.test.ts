import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_DEFINITIONS, type FleetRow, type FleetTable } from '../../contract/season-report.js';
import { seasonCsv } from './export-csv.js';
import { seasonHtml } from './export-html.js';
import { buildUnit } from '../../analytics/fleet-eval/test-population.js';
import { fleetRow, KPI_COLUMNS } from './wire.js';
import { creditList } from '../../analytics/fleet-eval/credit-rules.js';
import { influenceFactors } from '../../analytics/fleet-eval/influence-factors.js';
import { rankGroups } from '../../analytics/fleet-eval/rankings.js';
import { population } from '../../analytics/fleet-eval/test-population.js';
import type { CreditRuleWire } from '../../contract/season-report.js';
import { creditWire, influenceWire, rankingWire, type ReportHead } from './post-eval-wire.js';

const row = (unitId: string, manufacturer: string, spfH2: number | null): FleetRow => ({
  unitId, siteId: 's', siteName: manufacturer, villageId: 'v', programmeId: null, manufacturer, model: 'M', unitType: 'air-to-water', capacityControl: 'inverter', emitter: 'floor',
  nominalCapacityKw: 10, installedOn: '2017-10-01', status: 'ok',
  values: Object.fromEntries(KPI_COLUMNS.map((c) => [c.key, c.key === 'spfH2' ? spfH2 : null])) as FleetRow['values'],
  spfReasons: { h1: 'no-compressor-meter', h2: spfH2 === null ? 'no-heat-meter' : null, h3: null, h4: null }, notEvaluable: [], excludedChannels: [], warnings: [], warningRefs: [],
});
const table = (rows: FleetRow[]): FleetTable => ({
  period: { from: '2018-12-16', to: '2018-12-20', lastDay: '2018-12-19', days: 4, fromIso: '2018-12-15T16:00:00.000Z', toIso: '2018-12-19T16:00:00.000Z', timezone: 'Asia/Shanghai (UTC+08:00)', label: '2018-12-16..2018-12-19', source: 'requested', season: null, clampedToData: false, dataDays: null },
  population: { scope: 'the whole installation', scopeRef: { code: 'whole-installation', params: {} }, unitsInScope: rows.length, unitsMatched: rows.length, unitsWithData: rows.length, filter: {} }, notesZh: [],
  notes: [], boundaries: { ...BOUNDARY_DEFINITIONS }, columns: [...KPI_COLUMNS], items: rows, total: rows.length, page: 1, pageSize: rows.length, sort: 'unitId', order: 'asc',
});

describe('season report exports', () => {
  const t = table([row('u1', '=HYPERLINK("http://x")', 3.25), row('u2', '<script>alert(1)</script>', null)]);

  it('CSV: comment lines name the period, text that a spreadsheet would run is escaped, a missing SPF is empty with its reason', () => {
    const csv = seasonCsv(t);
    expect(csv.split('\n').slice(0, 3).every((l) => l.startsWith('# '))).toBe(true);
    const rows = parse(csv, { comment: '#', columns: true }) as Record<string, string>[];
    expect(rows[0]?.manufacturer).toBe('\'=HYPERLINK("http://x")');
    expect(rows[0]?.['SPF H2 (H2) [-]']).toBe('3.25');
    expect(rows[1]?.['SPF H2 (H2) [-]']).toBe('');
    expect(rows[1]?.['SPF H2 not computable because']).toBe('no-heat-meter');
  });

  it('CSV with lang=zh-CN: Chinese headers and comment lines, the same values; the default keeps the English keys', () => {
    const zh = seasonCsv(t, 'zh-CN');
    expect(zh.split('\n')[0]).toMatch(/^# heatfleet 采暖季报告；统计期 2018-12-16\.\.2018-12-19（北京时间自然日/);
    expect(zh).toContain('# 统计对象：全部设施；范围内 2 台，匹配 2 台');
    const rows = parse(zh, { comment: '#', columns: true }) as Record<string, string>[];
    expect(rows[0]?.['机组编号']).toBe('u1');
    expect(rows[0]?.['季节性能系数 SPF H2 (H2) [-]']).toBe('3.25');
    expect(rows[1]?.['SPF H2 无法计算的原因（代码）']).toBe('no-heat-meter');
    expect(Object.keys(rows[0] ?? {}).filter((h) => /^[a-z_ ]+(\[kW\])?$/.test(h))).toEqual([]);
    expect(Object.keys((parse(seasonCsv(t), { comment: '#', columns: true }) as Record<string, string>[])[0] ?? {}).slice(0, 3)).toEqual(['unit_id', 'site', 'village']);
  });

  it('HTML: registry text is escaped, no script, the units table is captioned with period and population', () => {
    const html = seasonHtml({ table: t, rankings: null, credit: null, influence: null, afterSales: null }, 'zh-CN');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<table id="units"><caption>[^<]*2018-12-16\.\.2018-12-19[^<]*统计对象: 全部设施, n = 2<\/caption>/);
    expect(seasonHtml({ table: t, rankings: null, credit: null, influence: null, afterSales: null }, 'en')).toMatch(/<table id="units"><caption>[^<]*2018-12-16\.\.2018-12-19[^<]*the whole installation, n = 2<\/caption>/);
    expect(html).toContain('<html lang="zh-CN">');
  });

  it('HTML in zh-CN words each unit\'s warnings in Chinese from their codes (English in the English page)', () => {
    const kw = fleetRow(buildUnit({ id: 'kw', spf: 3, minute: () => ({ unitPowerW: 2.1 }) }).evaluated);
    const bundle = { table: table([kw]), rankings: null, credit: null, influence: null, afterSales: null };
    const zh = seasonHtml(bundle, 'zh-CN');
    expect(zh).toContain('<h2>各机组数据质量提示</h2>');
    expect(zh).toContain('<tr data-unit="kw" data-code="kw-sent-as-w"><td class="t">kw</td><td class="t">unitPowerW：正值中位数为 2.10，疑似以 W 为单位上报了 kW 数值；该通道不参与计算</td></tr>');
    expect(zh).not.toContain('looks like kW sent as W');
    expect(seasonHtml(bundle, 'en')).toContain('unitPowerW: median positive value 2.10 looks like kW sent as W; channel left out');
  });
});

/** A bundle with rankings, credit list and influence factors from the real engine: B2 is listed, C3 too small to judge or rank. */
function postEvalBundle() {
  const units = population([
    ...[3.0, 3.1, 3.2, 3.3, 3.4].map((spf, i) => ({ id: `A1-${i}`, model: 'A1', spf })),
    ...[2.2, 2.3, 2.4, 2.5, 2.6].map((spf, i) => ({ id: `B2-${i}`, model: 'B2', spf, emitter: 'radiator' as const })),
    ...[1.5, 1.6].map((spf, i) => ({ id: `C3-${i}`, model: 'C3', spf })),
  ]);
  const t = table(units.map(fleetRow));
  const head: ReportHead = { period: t.period, population: t.population, notes: [], notesZh: [] };
  const rules: CreditRuleWire[] = [{ id: 'median-spf-h2', kind: 'median-spf-below', groupBy: 'model', boundary: 'h2', thresholdSpf: 2.5, minUnits: 5, minCoveragePct: 80, minHeatKWh: 0 }];
  const rank = (groupBy: 'model' | 'manufacturer') => rankingWire(head, rankGroups(units, { groupBy, boundary: 'h2', minUnits: 5 , minHeatKWh: 0 }));
  return {
    table: t, rankings: { model: rank('model'), manufacturer: rank('manufacturer') },
    credit: creditWire(head, creditList(units, rules), rules, 'request body'),
    influence: influenceWire(head, influenceFactors(units, { factors: ['emitter'] })), afterSales: null,
  };
}

describe('post-evaluation in the printable HTML', () => {
  const bundle = postEvalBundle();
  it('zh-CN states the credit rule, the statistic and the not-judged reason in Chinese with the rule\'s numbers, and no English rule text', () => {
    const zh = seasonHtml(bundle, 'zh-CN');
    expect(zh).toContain('<li data-rule="median-spf-h2">median-spf-h2: 实测 SPF H2 中位数低于 2.5 的型号（至少 5 台，每台覆盖率 ≥ 80%） — 列入 / 通过 / 未判定： 1 / 1 / 1<br>未判定: Acme / C3 (数据不足：2 台中有 2 台满足数据要求，需要 5 台)</li>');
    expect(zh).toMatch(/<tr><td class="t">实测 SPF H2 中位数低于 2\.5 的型号（至少 5 台，每台覆盖率 ≥ 80%）<\/td><td class="t">Acme \/ B2<\/td><td class="t">SPF H2 中位数<\/td><td>2\.40<\/td>/);
    for (const english of ['whose median measured', 'median SPF H2', 'insufficient data', 'units with coverage', 'meet the unit rules', 'multiple linear regression']) expect(zh, english).not.toContain(english);
  });
  it('zh-CN states the ranking rules and each group too small to rank in Chinese; the English page keeps the English', () => {
    const zh = seasonHtml(bundle, 'zh-CN');
    expect(zh).toContain('<p data-code="median-spf">纳入覆盖率 ≥ 80%、H2 边界制热量 ≥ 0 kWh 且无计量故障的机组；此类机组不少于 5 台的分组参与排名</p>');
    expect(zh).toContain('<li>Acme / C3: 数据不足：2 台中有 2 台满足机组数据要求，需要 5 台</li>');
    const en = seasonHtml(bundle, 'en');
    expect(en).toContain('models whose median measured SPF H2 is below 2.5 over ≥ 5 units with ≥ 80 % coverage');
    expect(en).toContain('<li>Acme / C3: insufficient data: 2 of 2 units meet the unit rules, 5 needed</li>');
    expect(en).toContain('multiple linear regression of SPF');
  });
});

describe('season report XLSX', () => {
  it('in zh-CN: Chinese sheet names and headers, credit rules, statistics and reasons worded in Chinese from their codes', async () => {
    const { seasonXlsx } = await import('./export-xlsx.js');
    const ExcelJS = (await import('exceljs')).default;
    const bytes = await seasonXlsx(postEvalBundle(), 'zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['机组', '型号排名', '厂家排名', '信用名单', '影响因素', '方法说明']);
    const text = (name: string): string => {
      const out: string[] = [];
      wb.getWorksheet(name)?.eachRow((row) => row.eachCell((c) => { out.push(String(c.value)); }));
      return out.join('\n');
    };
    const credit = text('信用名单');
    expect(credit).toContain('median-spf-h2: 实测 SPF H2 中位数低于 2.5 的型号（至少 5 台，每台覆盖率 ≥ 80%）');
    expect(credit).toContain('SPF H2 中位数');
    expect(credit).toContain('数据不足：2 台中有 2 台满足数据要求，需要 5 台');
    expect(text('型号排名')).toContain('数据不足：2 台中有 2 台满足机组数据要求，需要 5 台');
    expect(text('影响因素')).toContain('SPF 对各因素的多元线性回归');
    const all = wb.worksheets.map((w) => text(w.name)).join('\n');
    for (const english of ['whose median measured', 'insufficient data', 'units with coverage', 'multiple linear regression', 'evidence: unit', 'population:']) expect(all, english).not.toContain(english);
  });

  it('loads back with the units sheet, and its XML is stored readable (not deflated)', async () => {
    const { seasonXlsx } = await import('./export-xlsx.js');
    const ExcelJS = (await import('exceljs')).default;
    const t = table([row('u1', 'Maker', 3.25)]);
    const bytes = await seasonXlsx({ table: t, rankings: null, credit: null, influence: null, afterSales: null }, 'en');
    expect(Buffer.from(bytes).toString('latin1')).toContain('2018-12-16..2018-12-19');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['units', 'method notes']);
  });
});
