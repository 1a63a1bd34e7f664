/**
 * Reads a JSON registry document `{ "areas": [...], "sites": [...], ... }` (any subset of kinds; keys
 * starting with `$` such as `$schema` are ignored). Errors name the kind as `sheet` and the 1-based
 * position in its array as `row`.
 */
import { REGISTRY_KINDS, type RegistryKind } from '../../domain/registry.js';
import { REGISTRY_COLUMNS } from './columns.js';
import { decodeText } from './decode-text.js';
import { errorAt } from './import-error.js';
import { acceptEntity, type ParseSink } from './parse-sink.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isKind = (k: string): k is RegistryKind => (REGISTRY_KINDS as readonly string[]).includes(k);

/** 1-based line of a character offset, for JSON syntax errors. */
const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

export function readJson(file: string, bytes: Uint8Array, sink: ParseSink): void {
  const decoded = decodeText(bytes);
  if (!decoded.ok) { sink.errors.push(errorAt({ file, row: 0 }, null, decoded.reason)); return; }
  const text = decoded.text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const full = (err as Error).message;
    const message = full.length > 200 ? `${full.slice(0, 199)}…` : full;
    const pos = /position (\d+)/.exec(full);
    const where = pos === null ? '' : ` (line ${lineOf(text, Number(pos[1]))})`;
    sink.errors.push(errorAt({ file, row: 0 }, null, `not valid JSON${where}: ${message}`));
    return;
  }
  if (!isObject(doc)) {
    sink.errors.push(errorAt({ file, row: 0 }, null, `a registry document is an object such as {"sites": [...]}`));
    return;
  }
  for (const [key, list] of Object.entries(doc)) {
    if (key.startsWith('$')) continue;
    if (!isKind(key)) {
      sink.errors.push(errorAt({ file, row: 0 }, null, `unknown kind ${JSON.stringify(key)}; expected some of ${REGISTRY_KINDS.join(', ')}`));
      continue;
    }
    sink.kinds.add(key);
    if (!Array.isArray(list)) {
      sink.errors.push(errorAt({ file, sheet: key, row: 0 }, null, `${key} must be an array of objects`));
      continue;
    }
    const fields = new Set(REGISTRY_COLUMNS[key].map((c) => c.name));
    const notNullable = REGISTRY_COLUMNS[key].filter((c) => !c.nullable).map((c) => c.name);
    list.forEach((item: unknown, i) => {
      const loc = { file, sheet: key, row: i + 1 };
      if (!isObject(item)) { sink.errors.push(errorAt(loc, null, 'must be an object')); return; }
      const unknown = Object.keys(item).filter((f) => !fields.has(f));
      for (const f of unknown) sink.errors.push(errorAt(loc, f, `unknown field for ${key}`));
      // Other tools write null for "no value"; only parentId gives null a meaning.
      const input = { ...item };
      for (const f of notNullable) if (input[f] === null) delete input[f];
      acceptEntity(sink, key, input, loc, { reported: new Set(unknown) });
    });
  }
}
