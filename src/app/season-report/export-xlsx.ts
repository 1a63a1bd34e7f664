/**
 * The season report as XLSX: a sheet per table — units, model and manufacturer rankings, credit list with the
 * evidence behind every entry (one row per unit), influence factors, after-sales, method notes. Each sheet
 * starts with the period, boundary and population lines; the table header is the first bold row after them.
 * Sheet names, headers and texts follow the requested language (server texts worded from their codes); cells
 * that are codes (status, fault codes, factor keys, regression terms) stay codes.
 */
import ExcelJS from 'exceljs';
import type { RankingWire } from '../../contract/season-report.js';
import { renderText, type TextCatalogue, type TextRef } from '../../contract/texts/render-text.js';
import { CREDIT_RULE_TEXTS, CREDIT_STATISTIC_TEXTS, INFLUENCE_TEXTS, INSUFFICIENT_DATA_TEXTS, RANKING_RULE_TEXTS } from '../../contract/texts/report-texts.js';
import { reportHeaderLines, unitColumns } from './export-columns.js';
import { BOUNDARY_DEFINITIONS_ZH, METHOD_NOTES, type Lang } from './labels.js';
import type { SeasonReportBundle } from './service.js';
import { xw } from './xlsx-words.js';

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

export async function seasonXlsx(b: SeasonReportBundle, lang: Lang): Promise<Uint8Array> {
  const say = (catalogue: TextCatalogue, ref: TextRef | null | undefined, english: string): string => (ref ? renderText(catalogue, ref, lang) : null) ?? english;
  const boundaryDef = (r: { boundary: RankingWire['boundary']; boundaryLabel: string }) => (lang === 'zh-CN' ? BOUNDARY_DEFINITIONS_ZH[r.boundary] : r.boundaryLabel);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'heatfleet';
  const t = b.table;
  const head = reportHeaderLines(t, lang);
  const cols = unitColumns(t, lang);
  addTable(wb, xw('sheetUnits', lang), head, cols.map((c) => c.header), t.items.map((r) => cols.map((c) => c.value(r))));
  if (b.rankings) {
    for (const [name, r] of [[xw('sheetRankingsModel', lang), b.rankings.model], [xw('sheetRankingsManufacturer', lang), b.rankings.manufacturer]] as const) {
      const B = r.boundary.toUpperCase();
      addTable(wb, name, [...head, xw('rankedBy', lang, { b: B, def: boundaryDef(r), rules: say(RANKING_RULE_TEXTS, r.rulesRef, r.rules) })],
        [xw('rank', lang), xw('group', lang), xw('manufacturer', lang), xw('model', lang), xw('unitsN', lang), xw('medianSpf', lang, { b: B }), xw('q25', lang), xw('q75', lang),
          xw('ciLow', lang), xw('ciHigh', lang), xw('medianSpf', lang, { b: r.ranked[0]?.secondary.boundary.toUpperCase() ?? 'H4' }), xw('meanCoverage', lang), xw('heatAt', lang, { b: B }), xw('notRankedBecause', lang)],
        [
          ...r.ranked.map((g) => [g.rank, g.key, g.manufacturer, g.model, g.n, g.medianSpf, g.q25, g.q75, g.ci?.low ?? null, g.ci?.high ?? null, g.secondary.medianSpf, g.meanCoveragePct, g.heatKWh, '']),
          ...r.insufficientData.map((g) => [null, g.key, g.manufacturer, g.model, g.nEligible, null, null, null, null, null, null, null, null, say(INSUFFICIENT_DATA_TEXTS, g.reasonRef, g.reason)]),
        ]);
    }
  }
  if (b.credit) {
    const c = b.credit;
    const ruleOf = (r: { ruleTextRef: TextRef; ruleText: string }) => say(CREDIT_RULE_TEXTS, r.ruleTextRef, r.ruleText);
    const rows: Cell[][] = c.entries.flatMap((e) => e.units.map((u) => [e.ruleId, ruleOf(e), e.key, e.boundary?.toUpperCase() ?? null, say(CREDIT_STATISTIC_TEXTS, e.statisticRef, e.statistic), e.value, e.threshold, e.n, u.unitId, u.figure, u.coveragePct, u.heatKWh, xw(u.fails ? 'yes' : 'no', lang)]));
    const judged = c.rules.flatMap((r) => [
      ...r.passed.map((p) => [r.ruleId, ruleOf(r), p.key, null, xw('passed', lang), p.value, null, p.n, null, null, null, null, null] as Cell[]),
      ...r.notJudged.map((p) => [r.ruleId, ruleOf(r), p.key, null, say(INSUFFICIENT_DATA_TEXTS, p.reasonRef, p.reason), null, null, p.n, null, null, null, null, null] as Cell[]),
    ]);
    addTable(wb, xw('sheetCredit', lang), [...head, xw('rulesSource', lang, { source: c.rulesSource }), ...c.rules.map((r) => `${r.ruleId}: ${ruleOf(r)}`)],
      [xw('rule', lang), xw('ruleText', lang), xw('group', lang), xw('boundary', lang), xw('statisticOutcome', lang), xw('value', lang), xw('threshold', lang), xw('unitsJudged', lang),
        xw('evUnit', lang), xw('evFigure', lang), xw('evCoverage', lang), xw('evHeat', lang), xw('evFails', lang)],
      [...rows, ...judged]);
  }
  if (b.influence) {
    const i = b.influence;
    const reason = i.model.reason ? ` (${say(INFLUENCE_TEXTS, i.model.reasonRef, i.model.reason)})` : '';
    const notes = lang === 'zh-CN' && i.notesZh.length === i.notes.length ? i.notesZh : i.notes;
    addTable(wb, xw('sheetInfluence', lang), [...head, xw('response', lang, { r: i.response, def: boundaryDef(i), status: xw(i.model.status === 'fitted' ? 'fitted' : 'insufficient', lang), reason, r2: i.model.rSquared ?? '—' }), say(INFLUENCE_TEXTS, i.methodRef, i.method), ...notes],
      [xw('kind', lang), xw('factor', lang), xw('termComparison', lang), xw('estimate', lang), xw('se', lang), xw('ciLowPlain', lang), xw('ciHighPlain', lang), xw('p', lang), xw('vif', lang), xw('confoundedWith', lang), xw('nA', lang), xw('nB', lang)],
      [
        ...i.model.terms.map((x) => [xw('regressionTerm', lang), x.factor, x.term, x.estimate, x.seHc3, x.ci[0], x.ci[1], x.pValue, x.vif, x.confoundedWith, null, null] as Cell[]),
        ...i.contrasts.map((x) => [xw('medianContrast', lang), x.factor, x.comparison, x.medianDifference, null, x.ci?.low ?? null, x.ci?.high ?? null, null, null, null, x.nA, x.nB] as Cell[]),
        ...i.factors.filter((f) => f.status !== 'estimated').map((f) => [xw('notEstimated', lang), f.factor, f.status, null, null, null, null, null, null, f.note === null ? null : say(INFLUENCE_TEXTS, f.noteRef, f.note), null, null] as Cell[]),
      ]);
  }
  if (b.afterSales) {
    const a = b.afterSales;
    // faultEventRule and the service-record note are English only (docs/i18n.md, "still English").
    addTable(wb, xw('sheetAfterSales', lang), [...head, a.faultEventRule, a.serviceRecords.note],
      [xw('group', lang), xw('units', lang), xw('unitSeasons', lang), xw('faultEvents', lang), xw('eventsPerUnitSeason', lang), xw('unitsWithFaults', lang), xw('mtbf', lang), xw('eventsByCode', lang)],
      [[xw('fleet', lang), a.fleet.units, a.fleet.unitSeasons, a.fleet.faultEvents, a.fleet.eventsPerUnitSeason, a.fleet.unitsWithFaultsPct, a.fleet.meanTimeBetweenFaultsH, JSON.stringify(a.fleet.byCode)],
        ...a.groups.map((g) => [g.key, g.units, g.unitSeasons, g.faultEvents, g.eventsPerUnitSeason, g.unitsWithFaultsPct, g.meanTimeBetweenFaultsH, JSON.stringify(g.byCode)] as Cell[])]);
  }
  addTable(wb, xw('sheetMethod', lang), head, [xw('note', lang)], METHOD_NOTES[lang].map((n) => [n]));
  // Stored, not deflated: the sheets stay readable to text tools and to the security suite's leak check.
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>);
  return new Uint8Array(buffer as ArrayBuffer);
}
