/**
 * Reads one table (a CSV file or an XLSX sheet) of one registry kind: checks the header (unknown,
 * duplicate and missing columns), then turns every non-empty row into an entity or errors.
 */
import type { RegistryKind } from '../../domain/registry.js';
import { cellText, isEmptyCell, readCell, type RawCell } from './cell-value.js';
import { REGISTRY_COLUMNS, type ColumnSpec } from './columns.js';
import { errorAt, quote, type RowLocation } from './import-error.js';
import { acceptEntity, type ParseSink } from './parse-sink.js';

export interface TableRow {
  /** 1-based row number as the spreadsheet shows it. */
  readonly row: number;
  readonly cells: readonly RawCell[];
}

export interface Table {
  readonly file: string;
  readonly sheet?: string;
  readonly kind: RegistryKind;
  /** Row 1. */
  readonly header: readonly RawCell[];
  readonly rows: readonly TableRow[];
  readonly date1904?: boolean;
  /** Plain-text source (CSV): undo the exporter's formula escaping in text cells. */
  readonly csv?: boolean;
}

interface HeaderMap {
  /** Column index → spec, for the columns we know. */
  readonly known: ReadonlyMap<number, ColumnSpec>;
  /** Indexes whose header is unknown, duplicated or blank: their cells are not read. */
  readonly ignored: ReadonlySet<number>;
  /** Indexes with a blank header: a value there is reported on its row. */
  readonly blank: ReadonlySet<number>;
  readonly missing: ReadonlySet<string>;
}

function readHeader(table: Table, sink: ParseSink): HeaderMap {
  const specs = REGISTRY_COLUMNS[table.kind];
  const byName = new Map(specs.map((c) => [c.name, c]));
  const byLower = new Map(specs.map((c) => [c.name.toLowerCase(), c.name]));
  const headerLoc: RowLocation = { file: table.file, ...(table.sheet === undefined ? {} : { sheet: table.sheet }), row: 1 };
  const known = new Map<number, ColumnSpec>();
  const ignored = new Set<number>();
  const blank = new Set<number>();
  const seen = new Set<string>();
  table.header.forEach((cell, index) => {
    const name = cellText(cell).replace(/^\uFEFF/, '');
    if (name === '') { blank.add(index); ignored.add(index); return; }
    const spec = byName.get(name);
    if (spec === undefined) {
      const near = byLower.get(name.toLowerCase());
      const hint = near === undefined ? `expected some of ${specs.map((c) => c.name).join(', ')}` : `did you mean ${near}?`;
      sink.errors.push(errorAt(headerLoc, name, `unknown column for ${table.kind}; ${hint}`));
      ignored.add(index);
    } else if (seen.has(name)) {
      sink.errors.push(errorAt(headerLoc, name, 'column appears more than once in the header'));
      ignored.add(index);
    } else {
      seen.add(name);
      known.set(index, spec);
    }
  });
  const missing = new Set(specs.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name));
  for (const name of missing) sink.errors.push(errorAt(headerLoc, name, `required column ${name} is missing`));
  return { known, ignored, blank, missing };
}

export function readTable(table: Table, sink: ParseSink): void {
  sink.kinds.add(table.kind);
  const header = readHeader(table, sink);
  const at = (row: number): RowLocation => ({ file: table.file, ...(table.sheet === undefined ? {} : { sheet: table.sheet }), row });
  for (const { row, cells } of table.rows) {
    if (cells.every(isEmptyCell)) continue;
    const loc = at(row);
    const input: Record<string, unknown> = {};
    const shown: Record<string, string> = {};
    const reported = new Set(header.missing);
    cells.forEach((cell, index) => {
      const spec = header.known.get(index);
      if (spec === undefined) {
        if (!isEmptyCell(cell) && (header.blank.has(index) || index >= table.header.length)) {
          sink.errors.push(errorAt(loc, null, `column ${index + 1} holds ${quote(cellText(cell))} but has no header`));
          reported.add(`#${index}`);
        }
        return;
      }
      const result = readCell(spec, cell, { date1904: table.date1904 === true, csv: table.csv === true });
      shown[spec.name] = cellText(cell);
      if (result.ok) {
        if (result.value !== undefined) input[spec.name] = result.value;
      } else {
        sink.errors.push(errorAt(loc, spec.name, `${spec.name}: ${result.reason}`));
        reported.add(spec.name);
      }
    });
    acceptEntity(sink, table.kind, input, loc, { shown, reported });
  }
}
