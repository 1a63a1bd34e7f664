/**
 * The registry import use case: parse and validate every file against the current registry, then
 * write the whole batch in one atomic `upsert`, or nothing at all if a single row is wrong.
 */
import { isDeepStrictEqual } from 'node:util';
import { REGISTRY_KINDS, type RegistryKind } from '../../domain/registry.js';
import type { RegistryStore } from '../ports/registry-store.js';
import type { ImportError } from './import-error.js';
import { parseRegistryFiles, type ParseOptions, type RegistryFile } from './parse-registry-files.js';

export interface ImportOptions extends Omit<ParseOptions, 'existing'> {
  /** Validate and count, but write nothing. */
  readonly dryRun?: boolean;
}

export interface KindChanges {
  /** Ids new to the registry. */
  readonly created: number;
  /** Ids already in the registry whose fields change. */
  readonly updated: number;
  /** Ids already in the registry with identical fields (still written, harmlessly). */
  readonly unchanged: number;
}

export type ImportReport =
  | { readonly ok: true; readonly dryRun: boolean; readonly written: boolean; readonly counts: Record<RegistryKind, KindChanges> }
  | { readonly ok: false; readonly dryRun: boolean; readonly written: false; readonly errors: ImportError[]; readonly errorCount: number };

/**
 * Store failures (the database is down, the transaction aborts) are not validation errors: they
 * reject, and the store's atomic upsert guarantees that nothing was half-written.
 */
export async function importRegistry(store: RegistryStore, files: readonly RegistryFile[], opts: ImportOptions = {}): Promise<ImportReport> {
  const dryRun = opts.dryRun === true;
  const existing = await store.snapshot();
  const parsed = await parseRegistryFiles(files, { ...opts, existing });
  if (!parsed.ok) return { ok: false, dryRun, written: false, errors: parsed.errors, errorCount: parsed.errorCount };

  const counts = {} as Record<RegistryKind, KindChanges>;
  for (const kind of REGISTRY_KINDS) {
    const before = new Map<string, unknown>(existing[kind].map((e) => [e.id, e]));
    const c = { created: 0, updated: 0, unchanged: 0 };
    for (const entity of parsed.batch[kind] ?? []) {
      const old = before.get(entity.id);
      if (old === undefined) c.created += 1;
      else if (isDeepStrictEqual(normalise(old), normalise(entity))) c.unchanged += 1;
      else c.updated += 1;
    }
    counts[kind] = c;
  }
  if (dryRun) return { ok: true, dryRun, written: false, counts };
  await store.upsert(parsed.batch);
  return { ok: true, dryRun, written: true, counts };
}

/** Field order and absent-vs-undefined do not make an entity different. */
function normalise(entity: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}
