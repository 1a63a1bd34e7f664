/** Reads one CSV file of one registry kind into a table (row numbers as a spreadsheet shows them). */
import { parse } from 'csv-parse/sync';
import type { RegistryKind } from '../../domain/registry.js';
import { decodeText } from './decode-text.js';
import { errorAt } from './import-error.js';
import type { ParseSink } from './parse-sink.js';
import { readTable, type TableRow } from './read-table.js';

/** Picks `,` unless the header line clearly uses `;` or a tab (European Excel, pasted TSV). */
function guessDelimiter(firstLine: string): string {
  const count = (d: string): number => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  const best = candidates[0];
  return best !== undefined && best[1] > 0 ? best[0] : ',';
}

export function readCsv(file: string, bytes: Uint8Array, kind: RegistryKind, sink: ParseSink): void {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    sink.kinds.add(kind);
    sink.errors.push(errorAt({ file, row: 0 }, null, decoded.reason));
    return;
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text.split(/\r?\n/, 1)[0] ?? ''),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (err) {
    sink.kinds.add(kind);
    const line = (err as { lines?: number }).lines;
    sink.errors.push(errorAt({ file, row: 0 }, null, `not readable as CSV${line === undefined ? '' : ` near line ${line}`}: ${(err as Error).message}`));
    return;
  }
  const [header = [], ...body] = records;
  // Record n is spreadsheet row n + 1 (a quoted cell may span lines, but it is still one row).
  const rows: TableRow[] = body.map((cells, i) => ({ row: i + 2, cells }));
  readTable({ file, kind, header, rows, csv: true }, sink);
}
