/** Reads an XLSX workbook: one sheet per registry kind, named after the kind. */
import ExcelJS from 'exceljs';
import { REGISTRY_KINDS, type RegistryKind } from '../../domain/registry.js';
import type { RawCell } from './cell-value.js';
import { errorAt } from './import-error.js';
import type { ParseSink } from './parse-sink.js';
import { readTable, type TableRow } from './read-table.js';

/** The plain value behind an exceljs cell (formulas give their cached result, rich text its text). */
function rawValue(value: ExcelJS.CellValue): RawCell | { error: string } {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return { error: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return null;
    return typeof result === 'object' && !(result instanceof Date) ? { error: String(result.error) } : result;
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : null;
  return null;
}

const kindOfSheet = (name: string): RegistryKind | undefined => REGISTRY_KINDS.find((k) => k === name.trim().toLowerCase());

export async function readXlsx(file: string, bytes: Uint8Array, sink: ParseSink): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' types still ask for a Node Buffer.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    sink.errors.push(errorAt({ file, row: 0 }, null, `not a readable XLSX workbook: ${(err as Error).message}`));
    return;
  }
  const date1904 = (workbook.properties as { date1904?: boolean }).date1904 === true;
  for (const sheet of workbook.worksheets) {
    const kind = kindOfSheet(sheet.name);
    const lastRow = sheet.actualRowCount === 0 ? 0 : sheet.rowCount;
    if (kind === undefined) {
      if (lastRow > 0) sink.errors.push(errorAt({ file, sheet: sheet.name, row: 0 }, null, `unknown sheet ${JSON.stringify(sheet.name)}; name each sheet after a kind: ${REGISTRY_KINDS.join(', ')}`));
      continue;
    }
    const width = sheet.columnCount;
    const cellsOf = (r: number, onError: (col: number, error: string) => void): RawCell[] => {
      const row = sheet.getRow(r);
      const cells: RawCell[] = [];
      for (let c = 1; c <= width; c += 1) {
        const raw = rawValue(row.getCell(c).value);
        if (raw !== null && typeof raw === 'object' && !(raw instanceof Date)) { onError(c, raw.error); cells.push(null); }
        else cells.push(raw);
      }
      return cells;
    };
    const header = lastRow === 0 ? [] : cellsOf(1, () => undefined);
    const rows: TableRow[] = [];
    for (let r = 2; r <= lastRow; r += 1) {
      const cells = cellsOf(r, (c, error) => {
        const name = header[c - 1];
        sink.errors.push(errorAt({ file, sheet: sheet.name, row: r }, typeof name === 'string' && name.trim() !== '' ? name.trim() : null, `cell holds the spreadsheet error ${error}`));
      });
      rows.push({ row: r, cells });
    }
    readTable({ file, sheet: sheet.name, kind, header, rows, date1904 }, sink);
  }
}
