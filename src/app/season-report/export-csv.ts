/**
 * The season report as CSV: one row per unit. Lines starting with `#` before the header name the period,
 * boundaries and population (csv-parse: `comment: '#'`). Text that a spreadsheet would run as a formula is
 * escaped with a leading apostrophe (as the registry export does); empty cells are figures that cannot be computed.
 * The header row is the stable English keys by default; `zh-CN` gives Chinese headers and comment lines (values
 * stay numbers and codes either way).
 */
import { stringify } from 'csv-stringify/sync';
import type { FleetTable } from '../../contract/season-report.js';
import { escapeFormula } from '../registry-io/cell-value.js';
import { reportHeaderLines, unitColumns } from './export-columns.js';
import type { Lang } from './labels.js';

export function seasonCsv(t: FleetTable, lang: Lang = 'en'): string {
  const cols = unitColumns(t, lang);
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : escapeFormula(v));
  const comment = reportHeaderLines(t, lang).map((l) => `# ${l.replace(/[\r\n]+/g, ' ')}\n`).join('');
  return comment + stringify([cols.map((c) => c.header), ...t.items.map((r) => cols.map((c) => cell(c.value(r))))]);
}
