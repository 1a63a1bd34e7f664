/**
 * Turns one spreadsheet cell into the value a registry field expects. Mapping (docs/registry-import.md):
 * text is trimmed; an empty cell is an absent field (null for `parentId`); numbers accept full-width
 * digits; dates accept date cells, Excel serial numbers and YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日;
 * lists are `;`-separated. A wrong cell is a reason in plain words, never an exception.
 */
import type { ColumnSpec } from './columns.js';
import { quote } from './import-error.js';

/** A cell as a reader hands it over: CSV gives strings, XLSX also numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null | undefined;

export type CellResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const ok = (value: unknown): CellResult => ({ ok: true, value });
const fail = (reason: string): CellResult => ({ ok: false, reason });

export const isEmptyCell = (cell: RawCell): boolean => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否']);
const MS_PER_DAY = 86_400_000;
/** Excel's day 0 is 1899-12-30 (1900 system, after Lotus's leap-year bug); the 1904 system starts 1904-01-01. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_1904_OFFSET_DAYS = 1462;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const utcDate = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;

/** The text of a cell as the user typed it (for messages and text columns). */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.getUTCHours() + cell.getUTCMinutes() + cell.getUTCSeconds() === 0 ? utcDate(cell) : cell.toISOString();
  return String(cell).trim();
}

function readNumber(cell: RawCell, integer: boolean): CellResult {
  const expected = integer ? 'a whole number' : 'a number';
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail(`must be ${expected}, got ${quote(String(cell))}`);
  if (typeof cell !== 'string') return fail(`must be ${expected}, got ${quote(cellText(cell))}`);
  const text = cell.normalize('NFKC').trim().replace(/\s+/g, '');
  return NUMBER.test(text) ? ok(Number(text)) : fail(`must be ${expected}, got ${quote(cell.trim())}`);
}

function readBoolean(cell: RawCell): CellResult {
  if (typeof cell === 'boolean') return ok(cell);
  const word = cellText(cell).normalize('NFKC').toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail(`must be true or false, got ${quote(cellText(cell))}`);
}

const DATE_FORMS = [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/];

function readDate(cell: RawCell, date1904: boolean): CellResult {
  const bad = (): CellResult => fail(`must be a date YYYY-MM-DD, got ${quote(cellText(cell))}`);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? bad() : ok(utcDate(cell));
  if (typeof cell === 'number') {
    // A date typed into a cell formatted as a number arrives as Excel's serial day count.
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return bad();
    const days = Math.floor(cell) + (date1904 ? EXCEL_1904_OFFSET_DAYS : 0);
    return ok(utcDate(new Date(EXCEL_EPOCH_MS + days * MS_PER_DAY)));
  }
  const text = cellText(cell).normalize('NFKC');
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (m === null) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
    const probe = new Date(Date.UTC(y, mo - 1, d));
    return utcDate(probe) === iso ? ok(iso) : fail(`is not a calendar date, got ${quote(text)}`);
  }
  return bad();
}

function readList(cell: RawCell): CellResult {
  const items = cellText(cell).split(/[;；]/).map((s) => s.trim()).filter((s) => s !== '');
  return ok(items);
}

export interface CellOptions {
  /** The workbook counts dates from 1904 (old Mac Excel); only affects serial numbers in date columns. */
  readonly date1904?: boolean;
  /** The cell comes from CSV, where exports escape formula-like text (escapeFormula). */
  readonly csv?: boolean;
}

/**
 * Reads a cell for a column. Empty cells give `undefined` (the field is absent) or `null` for nullable
 * columns; the schema then decides whether absence is allowed.
 */
export function readCell(column: ColumnSpec, cell: RawCell, opts: CellOptions = {}): CellResult {
  if (isEmptyCell(cell)) return ok(column.nullable ? null : undefined);
  switch (column.type) {
    case 'number': return readNumber(cell, false);
    case 'integer': return readNumber(cell, true);
    case 'boolean': return readBoolean(cell);
    case 'date': return readDate(cell, opts.date1904 === true);
    case 'list': return readList(cell);
    case 'text': return ok(opts.csv === true ? unescapeFormula(cellText(cell)) : cellText(cell));
    case 'id': case 'enum': return ok(cellText(cell));
  }
}

/** A spreadsheet runs a cell starting with one of these as a formula (CSV formula injection). */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

/** Text for a CSV cell: a leading apostrophe makes spreadsheets show formula-like text as text. */
export const escapeFormula = (text: string): string => (FORMULA_LIKE.test(text) ? `'${text}` : text);

/** Undoes escapeFormula (exactly one apostrophe, only before formula-like text), so exports import back unchanged. */
const unescapeFormula = (text: string): string => (text.startsWith("'") && FORMULA_LIKE.test(text.slice(1)) ? text.slice(1) : text);

/** The cell text an exporter writes for a field value (lists joined with `;`, absent/null as empty). */
export function writeCellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(';');
  return String(value);
}
