/** What the readers of every format collect: valid entities with their rows, refused ids, errors. */
import { REGISTRY_SCHEMAS, type RegistryKind, type RegistrySnapshot } from '../../domain/registry.js';
import { errorAt, type ImportError, type RowLocation } from './import-error.js';
import { issueReason } from './issue-reason.js';

export type RegistryEntity<K extends RegistryKind = RegistryKind> = RegistrySnapshot[K][number];

export interface LocatedEntity<K extends RegistryKind = RegistryKind> {
  readonly kind: K;
  readonly entity: RegistryEntity<K>;
  readonly loc: RowLocation;
}

export interface ParseSink {
  readonly entities: LocatedEntity[];
  /** Ids of rows that failed validation: references to them are not reported a second time. */
  readonly refusedIds: Map<RegistryKind, Set<string>>;
  readonly errors: ImportError[];
  /** Kinds that appeared in the input, even with no rows. */
  readonly kinds: Set<RegistryKind>;
}

export const newSink = (): ParseSink => ({ entities: [], refusedIds: new Map(), errors: [], kinds: new Set() });

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), root);

export interface AcceptOptions {
  /** What the user wrote per field (cell text), shown in messages instead of the parsed value. */
  readonly shown?: Readonly<Record<string, string>>;
  /**
   * Columns already reported (a bad cell, a missing column): their issues are not repeated and the
   * entity is refused, but the other columns are still checked so that one pass shows every problem.
   */
  readonly reported?: ReadonlySet<string>;
}

/** Validates one entity with its domain schema and files it, or its errors, in the sink. */
export function acceptEntity(sink: ParseSink, kind: RegistryKind, input: Record<string, unknown>, loc: RowLocation, opts: AcceptOptions = {}): void {
  const { shown, reported } = opts;
  const result = REGISTRY_SCHEMAS[kind].safeParse(input);
  if (result.success && (reported === undefined || reported.size === 0)) {
    sink.entities.push({ kind, entity: result.data, loc });
    return;
  }
  const valueOf = (path: readonly PropertyKey[]): unknown =>
    path.length === 1 && shown !== undefined ? (shown[String(path[0])] || valueAt(input, path)) : valueAt(input, path);
  for (const issue of result.error?.issues ?? []) {
    if (reported?.has(String(issue.path[0]))) continue;
    const { column, reason } = issueReason(issue, valueOf);
    sink.errors.push(errorAt(loc, column, reason));
  }
  refuse(sink, kind, input['id']);
}

export function refuse(sink: ParseSink, kind: RegistryKind, id: unknown): void {
  if (typeof id !== 'string' || id.trim() === '') return;
  const ids = sink.refusedIds.get(kind) ?? new Set<string>();
  ids.add(id.trim());
  sink.refusedIds.set(kind, ids);
}
