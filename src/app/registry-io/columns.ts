/**
 * The columns of each registry kind, derived from the domain zod schemas: the schema decides names,
 * order, whether a column is required and how a cell is read; `column-notes.ts` adds unit and meaning.
 */
import { z } from 'zod';
import { IdSchema, REGISTRY_KINDS, REGISTRY_SCHEMAS, type RegistryKind } from '../../domain/registry.js';
import { COLUMN_NOTES } from './column-notes.js';

export type CellType = 'id' | 'text' | 'number' | 'integer' | 'boolean' | 'enum' | 'date' | 'list';

export interface ColumnSpec {
  readonly name: string;
  readonly type: CellType;
  /** The column must be in the header and its cells must not be empty (unless `nullable`). */
  readonly required: boolean;
  /** An empty cell means `null` rather than absent. */
  readonly nullable: boolean;
  readonly defaultValue?: unknown;
  /** Allowed values of an enum column or of the items of an enum list. */
  readonly values?: readonly string[];
  /** Type of the items of a list column. */
  readonly itemType?: 'id' | 'text' | 'enum';
  readonly unit: string;
  readonly meaning: string;
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; nullable: boolean; defaultValue?: unknown } {
  let inner = schema;
  let optional = false;
  let nullable = false;
  let defaultValue: unknown;
  for (;;) {
    if (inner instanceof z.ZodOptional) { optional = true; inner = inner.unwrap() as z.ZodType; }
    else if (inner instanceof z.ZodNullable) { nullable = true; inner = inner.unwrap() as z.ZodType; }
    else if (inner instanceof z.ZodDefault) { defaultValue = inner.def.defaultValue; inner = inner.unwrap() as z.ZodType; }
    else return { inner, optional, nullable, defaultValue };
  }
}

function scalarType(inner: z.ZodType, date: boolean): { type: CellType; values?: readonly string[] } {
  if (inner instanceof z.ZodEnum) return { type: 'enum', values: inner.options.map(String) };
  if (inner instanceof z.ZodNumber) return { type: inner.isInt ? 'integer' : 'number' };
  if (inner instanceof z.ZodBoolean) return { type: 'boolean' };
  if (inner === IdSchema) return { type: 'id' };
  if (inner instanceof z.ZodString) return { type: date ? 'date' : 'text' };
  throw new Error(`registry-io: no cell mapping for schema type ${inner.def.type}`);
}

function columnsFor(kind: RegistryKind): ColumnSpec[] {
  const shape = REGISTRY_SCHEMAS[kind].shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, schema]) => {
    const note = COLUMN_NOTES[kind][name];
    if (note === undefined) throw new Error(`registry-io: column ${kind}.${name} has no note in column-notes.ts`);
    const { inner, optional, nullable, defaultValue } = unwrap(schema);
    const base = { name, nullable, required: !optional && defaultValue === undefined, unit: note.unit, meaning: note.meaning };
    const withDefault = defaultValue === undefined ? base : { ...base, defaultValue };
    if (inner instanceof z.ZodArray) {
      const item = scalarType(inner.element as z.ZodType, false);
      if (item.type !== 'id' && item.type !== 'text' && item.type !== 'enum') throw new Error(`registry-io: no list mapping for ${kind}.${name}`);
      return { ...withDefault, type: 'list', itemType: item.type, ...(item.values ? { values: item.values } : {}) };
    }
    return { ...withDefault, ...scalarType(inner, note.date === true) };
  });
}

export const REGISTRY_COLUMNS: { readonly [K in RegistryKind]: readonly ColumnSpec[] } = Object.fromEntries(
  REGISTRY_KINDS.map((k) => [k, columnsFor(k)]),
) as { [K in RegistryKind]: ColumnSpec[] };

/** Separator of list cells (`unitIds`, `channels`); the full-width `；` is accepted on import too. */
export const LIST_SEPARATOR = ';';
