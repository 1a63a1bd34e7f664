/** Tells a file's format from its name and, for CSV, the registry kind (`sites.csv`, `2024_units.csv`). */
import { REGISTRY_KINDS, type RegistryKind } from '../../domain/registry.js';

export type FileFormat = 'json' | 'xlsx' | 'csv';

export function formatOfFile(name: string): FileFormat | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return null;
}

/** Singular and US spellings users write in file names. */
const ALIASES: Readonly<Record<string, RegistryKind>> = {
  area: 'areas', organisation: 'organisations', organization: 'organisations', organizations: 'organisations', orgs: 'organisations', org: 'organisations',
  programme: 'programmes', program: 'programmes', programs: 'programmes', transformer: 'transformers', site: 'sites', building: 'buildings',
  unit: 'units', meter: 'meters', device: 'devices', gateways: 'devices', gateway: 'devices',
};

/** The kind a CSV file's name says, or null when it names none or several. */
export function kindOfFileName(name: string): RegistryKind | null {
  const base = (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]*$/, '').toLowerCase();
  const tokens = base.split(/[^a-z]+/).filter((t) => t !== '');
  const kinds = new Set<RegistryKind>();
  for (const t of tokens) {
    if ((REGISTRY_KINDS as readonly string[]).includes(t)) kinds.add(t as RegistryKind);
    const alias = ALIASES[t];
    if (alias !== undefined) kinds.add(alias);
  }
  return kinds.size === 1 ? [...kinds][0] ?? null : null;
}
