/**
 * Writes a registry snapshot as JSON (one document), XLSX (one sheet per kind) or CSV (one UTF-8 file
 * with BOM per kind, so that Excel shows Chinese text correctly). What is exported imports back as the
 * same snapshot.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { REGISTRY_KINDS, type RegistryKind, type RegistrySnapshot } from '../../domain/registry.js';
import { escapeFormula, writeCellText } from './cell-value.js';
import { REGISTRY_COLUMNS, type ColumnSpec } from './columns.js';
import type { RegistryFile } from './parse-registry-files.js';

export type ExportFormat = 'json' | 'xlsx' | 'csv';

const encoder = new TextEncoder();
const BOM = '\uFEFF';

/** Entity fields in schema order, absent ones left out, so that files diff well. */
function ordered(kind: RegistryKind, entity: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = entity as Record<string, unknown>;
  for (const c of REGISTRY_COLUMNS[kind]) if (fields[c.name] !== undefined) out[c.name] = fields[c.name];
  return out;
}

function exportJson(snapshot: RegistrySnapshot): RegistryFile[] {
  const doc = Object.fromEntries(REGISTRY_KINDS.map((k) => [k, snapshot[k].map((e) => ordered(k, e))]));
  return [{ name: 'registry.json', bytes: encoder.encode(`${JSON.stringify(doc, null, 2)}\n`) }];
}

function exportCsv(snapshot: RegistrySnapshot): RegistryFile[] {
  return REGISTRY_KINDS.map((kind) => {
    const columns = REGISTRY_COLUMNS[kind];
    // Text columns are escaped against formula injection: a site named "=HYPERLINK(…)" stays text in Excel.
    const rows = snapshot[kind].map((e) => columns.map((c) => {
      const text = writeCellText((e as Record<string, unknown>)[c.name]);
      return c.type === 'text' ? escapeFormula(text) : text;
    }));
    const text = stringify([columns.map((c) => c.name), ...rows], { record_delimiter: 'unix' });
    return { name: `${kind}.csv`, bytes: encoder.encode(BOM + text) };
  });
}

function xlsxValue(column: ColumnSpec, value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (column.type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (column.type === 'list') return writeCellText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

async function exportXlsx(snapshot: RegistrySnapshot): Promise<RegistryFile[]> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'heatfleet';
  for (const kind of REGISTRY_KINDS) {
    const columns = REGISTRY_COLUMNS[kind];
    const sheet = workbook.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.max(12, c.name.length + 4, c.type === 'list' ? 40 : c.type === 'text' ? 24 : 0),
      // Text ids such as "0012" must stay text when a user edits them in Excel.
      style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'number' || c.type === 'integer' || c.type === 'boolean' ? {} : { numFmt: '@' },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    columns.forEach((c, i) => {
      header.getCell(i + 1).note = [c.meaning, c.unit === '' ? '' : `Unit: ${c.unit}`, c.values && c.values.length <= 12 ? `One of: ${c.values.join(', ')}` : '', c.required ? 'Required' : 'Optional']
        .filter((s) => s !== '')
        .join('\n');
    });
    for (const entity of snapshot[kind]) {
      sheet.addRow(columns.map((c) => xlsxValue(c, (entity as Record<string, unknown>)[c.name])));
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return [{ name: 'registry.xlsx', bytes: new Uint8Array(buffer as ArrayBuffer) }];
}

export async function exportRegistry(snapshot: RegistrySnapshot, format: ExportFormat): Promise<RegistryFile[]> {
  switch (format) {
    case 'json': return exportJson(snapshot);
    case 'csv': return exportCsv(snapshot);
    case 'xlsx': return exportXlsx(snapshot);
  }
}
