/**
 * The season report as XLSX: a sheet per table — units, model and manufacturer rankings, credit list with the
 * evidence behind every entry (one row per unit), influence factors, after-sales, method notes. Each sheet
 * starts with the period, boundary and population lines; the table header is the first bold row after them.
 */
import ExcelJS from 'exceljs';
import type { RankingWire } from '../../contract/season-report.js';
import { reportHeaderLines, unitColumns } from './export-columns.js';
import { METHOD_NOTES, type Lang } from './labels.js';
import type { SeasonReportBundle } from './service.js';

type Cell = string | number | null;

function addTable(wb: ExcelJS.Workbook, name: string, head: readonly string[], header: readonly string[], rows: readonly Cell[][]): void {
  const sheet = wb.addWorksheet(name);
  for (const line of head) sheet.addRow([line]).font = { italic: true };
  sheet.addRow([]);
  const h = sheet.addRow([...header]);
  h.font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => (v === null ? null : v)));
  header.forEach((x, i) => { sheet.getColumn(i + 1).width = Math.min(40, Math.max(10, x.length + 2)); });
}

const rankingRows = (r: RankingWire): Cell[][] => [
  ...r.ranked.map((g) => [g.rank, g.key, g.manufacturer, g.model, g.n, g.medianSpf, g.q25, g.q75, g.ci?.low ?? null, g.ci?.high ?? null, g.secondary.medianSpf, g.meanCoveragePct, g.heatKWh, '']),
  ...r.insufficientData.map((g) => [null, g.key, g.manufacturer, g.model, g.nEligible, null, null, null, null, null, null, null, null, g.reason]),
];

export async function seasonXlsx(b: SeasonReportBundle, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'heatfleet';
  const t = b.table;
  const head = reportHeaderLines(t);
  const cols = unitColumns(t);
  addTable(wb, 'units', head, cols.map((c) => c.header), t.items.map((r) => cols.map((c) => c.value(r))));
  if (b.rankings) {
    for (const [name, r] of [['rankings by model', b.rankings.model], ['rankings by manufacturer', b.rankings.manufacturer]] as const) {
      addTable(wb, name, [...head, `ranked by median SPF ${r.boundary.toUpperCase()} (${r.boundaryLabel}); rules: ${r.rules}`],
        ['rank', 'group', 'manufacturer', 'model', 'units (n)', `median SPF ${r.boundary.toUpperCase()} [-]`, 'q25 [-]', 'q75 [-]', 'CI low [-]', 'CI high [-]', `median SPF ${r.ranked[0]?.secondary.boundary.toUpperCase() ?? 'H4'} [-]`, 'mean coverage [%]', `heat at ${r.boundary.toUpperCase()} [kWh]`, 'not ranked because'],
        rankingRows(r));
    }
  }
  if (b.credit) {
    const c = b.credit;
    const rows: Cell[][] = c.entries.flatMap((e) => e.units.map((u) => [e.ruleId, e.ruleText, e.key, e.boundary?.toUpperCase() ?? null, e.statistic, e.value, e.threshold, e.n, u.unitId, u.figure, u.coveragePct, u.heatKWh, u.fails ? 'yes' : 'no']));
    const judged = c.rules.flatMap((r) => [...r.passed.map((p) => [r.ruleId, r.ruleText, p.key, null, 'passed', p.value, null, p.n, null, null, null, null, null] as Cell[]), ...r.notJudged.map((p) => [r.ruleId, r.ruleText, p.key, null, p.reason, null, null, p.n, null, null, null, null, null] as Cell[])]);
    addTable(wb, 'credit list', [...head, `rules: ${c.rulesSource}`, ...c.rules.map((r) => `${r.ruleId}: ${r.ruleText}`)],
      ['rule', 'rule text', 'group', 'boundary', 'statistic / outcome', 'value', 'threshold', 'units judged (n)', 'evidence: unit', 'evidence: figure', 'evidence: coverage [%]', 'evidence: heat [kWh]', 'evidence: unit fails'],
      [...rows, ...judged]);
  }
  if (b.influence) {
    const i = b.influence;
    addTable(wb, 'influence factors', [...head, `response: ${i.response}; ${i.boundaryLabel}; model ${i.model.status}${i.model.reason ? ` (${i.model.reason})` : ''}; R² ${i.model.rSquared ?? '—'}`, i.method, ...i.notes],
      ['kind', 'factor', 'term / comparison', 'estimate [SPF]', 'SE (HC3)', 'CI low', 'CI high', 'p', 'VIF', 'confounded with', 'n A', 'n B'],
      [
        ...i.model.terms.map((x) => ['regression term', x.factor, x.term, x.estimate, x.seHc3, x.ci[0], x.ci[1], x.pValue, x.vif, x.confoundedWith, null, null] as Cell[]),
        ...i.contrasts.map((x) => ['median contrast', x.factor, x.comparison, x.medianDifference, null, x.ci?.low ?? null, x.ci?.high ?? null, null, null, null, x.nA, x.nB] as Cell[]),
        ...i.factors.filter((f) => f.status !== 'estimated').map((f) => ['not estimated', f.factor, f.status, null, null, null, null, null, null, f.note, null, null] as Cell[]),
      ]);
  }
  if (b.afterSales) {
    const a = b.afterSales;
    addTable(wb, 'after-sales', [...head, a.faultEventRule, a.serviceRecords.note],
      ['group', 'units', 'unit-seasons', 'fault events', 'events per unit-season', 'units with faults [%]', 'mean time between faults [h]', 'events by code'],
      [['fleet', a.fleet.units, a.fleet.unitSeasons, a.fleet.faultEvents, a.fleet.eventsPerUnitSeason, a.fleet.unitsWithFaultsPct, a.fleet.meanTimeBetweenFaultsH, JSON.stringify(a.fleet.byCode)],
        ...a.groups.map((g) => [g.key, g.units, g.unitSeasons, g.faultEvents, g.eventsPerUnitSeason, g.unitsWithFaultsPct, g.meanTimeBetweenFaultsH, JSON.stringify(g.byCode)] as Cell[])]);
  }
  addTable(wb, 'method notes', head, ['note'], METHOD_NOTES[lang].map((n) => [n]));
  // Stored, not deflated: the sheets stay readable to text tools and to the security suite's leak check.
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>);
  return new Uint8Array(buffer as ArrayBuffer);
}
