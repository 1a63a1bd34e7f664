/**
 * Parses registry files (JSON, XLSX, CSV; several at once) into one validated batch, or every error
 * with its file, row and column. Nothing is written here: see `importRegistry`.
 */
import { emptySnapshot, REGISTRY_KINDS, type RegistryKind, type RegistrySnapshot } from '../../domain/registry.js';
import { formatOfFile, kindOfFileName } from './file-kind.js';
import { DEFAULT_MAX_ERRORS, errorAt, type ImportError } from './import-error.js';
import { newSink } from './parse-sink.js';
import { readCsv } from './read-csv.js';
import { readJson } from './read-json.js';
import { readXlsx } from './read-xlsx.js';
import { duplicateIdErrors, referenceErrors } from './references.js';

export interface RegistryFile {
  /** File name as the user knows it (`sites.csv`, `registry.xlsx`); paths are fine. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ParseOptions {
  /** The registry the batch will be merged into; references may point into it. Default: empty. */
  readonly existing?: RegistrySnapshot;
  /** Kind of every CSV file whose name does not say it (e.g. `export-2024.csv`). */
  readonly kind?: RegistryKind;
  /** Errors returned at most (the total is always counted). Default 1,000. */
  readonly maxErrors?: number;
}

export type KindCounts = Record<RegistryKind, number>;

export type ParseResult =
  | { readonly ok: true; readonly batch: Partial<RegistrySnapshot>; readonly counts: KindCounts }
  | { readonly ok: false; readonly errors: ImportError[]; /** All errors found, also those beyond `maxErrors`. */ readonly errorCount: number };

export const zeroCounts = (): KindCounts => Object.fromEntries(REGISTRY_KINDS.map((k) => [k, 0])) as KindCounts;

export async function parseRegistryFiles(files: readonly RegistryFile[], opts: ParseOptions = {}): Promise<ParseResult> {
  const sink = newSink();
  if (files.length === 0) sink.errors.push(errorAt({ file: '', row: 0 }, null, 'no files to import'));
  for (const { name, bytes } of files) {
    const format = formatOfFile(name);
    if (format === 'json') readJson(name, bytes, sink);
    else if (format === 'xlsx') await readXlsx(name, bytes, sink);
    else if (format === 'csv') {
      const kind = kindOfFileName(name) ?? opts.kind;
      if (kind === undefined) sink.errors.push(errorAt({ file: name, row: 0 }, null, `cannot tell the kind from the file name; name it after a kind (${REGISTRY_KINDS.map((k) => `${k}.csv`).join(', ')})`));
      else readCsv(name, bytes, kind, sink);
    } else sink.errors.push(errorAt({ file: name, row: 0 }, null, 'unsupported file type; use .json, .xlsx or .csv'));
  }
  const errors = [
    ...sink.errors,
    ...duplicateIdErrors(sink.entities),
    ...referenceErrors(sink.entities, opts.existing ?? emptySnapshot(), sink.refusedIds),
  ];
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors, files).slice(0, opts.maxErrors ?? DEFAULT_MAX_ERRORS), errorCount: errors.length };

  const batch: Partial<Record<RegistryKind, unknown[]>> = {};
  const counts = zeroCounts();
  for (const kind of REGISTRY_KINDS) if (sink.kinds.has(kind)) batch[kind] = [];
  for (const { kind, entity } of sink.entities) {
    (batch[kind] ??= []).push(entity);
    counts[kind] += 1;
  }
  return { ok: true, batch: batch as Partial<RegistrySnapshot>, counts };
}

const sheetRank = (sheet: string | undefined): number => (sheet === undefined ? -1 : (REGISTRY_KINDS as readonly string[]).indexOf(sheet.trim().toLowerCase()));

/** In file order, then sheet, then row; header problems (row 1) before the rows they explain. */
function sortErrors(errors: ImportError[], files: readonly RegistryFile[]): ImportError[] {
  const fileIndex = new Map(files.map((f, i) => [f.name, i]));
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) =>
      (fileIndex.get(a.e.file) ?? -1) - (fileIndex.get(b.e.file) ?? -1) ||
      sheetRank(a.e.sheet) - sheetRank(b.e.sheet) ||
      a.e.row - b.e.row ||
      a.i - b.i)
    .map(({ e }) => e);
}
