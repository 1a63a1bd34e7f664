/** The column tables of docs/registry-import.md, generated from the schemas and column notes. */
import { REGISTRY_KINDS } from '../../domain/registry.js';
import { REGISTRY_COLUMNS, type ColumnSpec } from './columns.js';

const TYPE_WORDS: Readonly<Record<ColumnSpec['type'], string>> = {
  id: 'id', text: 'text', number: 'number', integer: 'whole number', boolean: 'true/false', enum: 'one of', date: 'date', list: 'list',
};

function typeCell(c: ColumnSpec): string {
  if (c.type === 'enum') return `one of ${c.values?.map((v) => `\`${v}\``).join(', ') ?? ''}`;
  if (c.type === 'list') {
    const items = c.itemType === 'enum' ? `values from: ${c.values?.join(', ') ?? ''}` : `${c.itemType ?? 'text'}s`;
    return `list of ${items}, \`;\`-separated`;
  }
  return TYPE_WORDS[c.type];
}

function requiredCell(c: ColumnSpec): string {
  if (c.nullable) return 'column required, cell may be empty';
  if (c.required) return 'yes';
  return c.defaultValue === undefined ? 'no' : `no (default \`${String(c.defaultValue)}\`)`;
}

const escape = (s: string): string => s.replace(/\|/g, '\\|');

export function columnTablesMarkdown(): string {
  return REGISTRY_KINDS.map((kind) => {
    const rows = REGISTRY_COLUMNS[kind].map((c) => `| \`${c.name}\` | ${escape(typeCell(c))} | ${requiredCell(c)} | ${escape(c.unit)} | ${escape(c.meaning)} |`);
    return [`### ${kind}`, '', '| column | type | required | unit | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
  }).join('\n\n');
}
