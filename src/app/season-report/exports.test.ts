import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_DEFINITIONS, type FleetRow, type FleetTable } from '../../contract/season-report.js';
import { seasonCsv } from './export-csv.js';
import { seasonHtml } from './export-html.js';
import { buildUnit } from '../../analytics/fleet-eval/test-population.js';
import { fleetRow, KPI_COLUMNS } from './wire.js';

const row = (unitId: string, manufacturer: string, spfH2: number | null): FleetRow => ({
  unitId, siteId: 's', siteName: manufacturer, villageId: 'v', programmeId: null, manufacturer, model: 'M', unitType: 'air-to-water', capacityControl: 'inverter', emitter: 'floor',
  nominalCapacityKw: 10, installedOn: '2017-10-01', status: 'ok',
  values: Object.fromEntries(KPI_COLUMNS.map((c) => [c.key, c.key === 'spfH2' ? spfH2 : null])) as FleetRow['values'],
  spfReasons: { h1: 'no-compressor-meter', h2: spfH2 === null ? 'no-heat-meter' : null, h3: null, h4: null }, notEvaluable: [], excludedChannels: [], warnings: [], warningRefs: [],
});
const table = (rows: FleetRow[]): FleetTable => ({
  period: { from: '2018-12-16', to: '2018-12-20', lastDay: '2018-12-19', days: 4, fromIso: '2018-12-15T16:00:00.000Z', toIso: '2018-12-19T16:00:00.000Z', timezone: 'Asia/Shanghai (UTC+08:00)', label: '2018-12-16..2018-12-19', source: 'requested', season: null, clampedToData: false, dataDays: null },
  population: { scope: 'the whole installation', unitsInScope: rows.length, unitsMatched: rows.length, unitsWithData: rows.length, filter: {} }, notesZh: [],
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

  it('HTML: registry text is escaped, no script, the units table is captioned with period and population', () => {
    const html = seasonHtml({ table: t, rankings: null, credit: null, influence: null, afterSales: null }, 'zh-CN');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<table id="units"><caption>[^<]*2018-12-16\.\.2018-12-19[^<]*the whole installation, n = 2<\/caption>/);
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

describe('season report XLSX', () => {
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
