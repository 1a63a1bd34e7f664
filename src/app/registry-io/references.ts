/**
 * Batch-wide checks: duplicate ids, and references resolved against the registry as it would be after
 * the import (existing snapshot overlaid with the batch). A change that breaks an existing entity
 * (e.g. turning a village into a county while sites still point at it) is reported on the changed row.
 */
import type { Area, RegistryKind, RegistrySnapshot } from '../../domain/registry.js';
import { describeLocation, errorAt, type ImportError, type RowLocation } from './import-error.js';
import type { LocatedEntity, RegistryEntity } from './parse-sink.js';

type Entity = RegistryEntity & Record<string, unknown>;

interface RefRule {
  readonly kind: RegistryKind;
  readonly field: string;
  readonly target: RegistryKind;
  /** Why `to` is not an acceptable target for `from`, or null when it is. */
  readonly expect?: (from: Entity, to: Entity) => string | null;
}

const NOUN: Readonly<Record<RegistryKind, string>> = {
  areas: 'area', organisations: 'organisation', programmes: 'programme', transformers: 'transformer', sites: 'site',
  buildings: 'building', units: 'unit', meters: 'meter', devices: 'device',
};

const PARENT_KIND: Readonly<Record<Area['kind'], Area['kind'] | null>> = { region: null, county: 'region', village: 'county' };

const mustBeVillage = (_from: Entity, to: Entity): string | null => (to['kind'] === 'village' ? null : `area ${String(to.id)} is a ${String(to['kind'])}, not a village`);

const RULES: readonly RefRule[] = [
  {
    kind: 'areas', field: 'parentId', target: 'areas',
    expect: (from, to) => {
      const want = PARENT_KIND[from['kind'] as Area['kind']];
      if (want === null) return null; // a region with a parent is reported on its own
      return want === to['kind'] ? null : `a ${String(from['kind'])}'s parent must be a ${want}, but ${String(to.id)} is a ${String(to['kind'])}`;
    },
  },
  { kind: 'programmes', field: 'areaId', target: 'areas' },
  { kind: 'transformers', field: 'villageId', target: 'areas', expect: mustBeVillage },
  { kind: 'sites', field: 'villageId', target: 'areas', expect: mustBeVillage },
  { kind: 'sites', field: 'operatorOrgId', target: 'organisations' },
  { kind: 'sites', field: 'serviceOrgId', target: 'organisations' },
  { kind: 'sites', field: 'programmeId', target: 'programmes' },
  {
    kind: 'sites', field: 'transformerId', target: 'transformers',
    expect: (from, to) => (to['villageId'] === from['villageId'] ? null : `transformer ${String(to.id)} is in village ${String(to['villageId'])}, not in this site's village ${String(from['villageId'])}`),
  },
  { kind: 'buildings', field: 'siteId', target: 'sites' },
  { kind: 'units', field: 'siteId', target: 'sites' },
  { kind: 'units', field: 'manufacturerOrgId', target: 'organisations' },
  { kind: 'meters', field: 'unitId', target: 'units' },
  { kind: 'devices', field: 'siteId', target: 'sites' },
  {
    kind: 'devices', field: 'unitIds', target: 'units',
    expect: (from, to) => (to['siteId'] === from['siteId'] ? null : `unit ${String(to.id)} belongs to site ${String(to['siteId'])}, not to this device's site ${String(from['siteId'])}`),
  },
];

export function duplicateIdErrors(entities: readonly LocatedEntity[]): ImportError[] {
  const first = new Map<string, RowLocation>();
  const errors: ImportError[] = [];
  for (const { kind, entity, loc } of entities) {
    const key = `${kind}\u0000${entity.id}`;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, loc);
    else errors.push(errorAt(loc, 'id', `id: duplicate ${NOUN[kind]} id ${JSON.stringify(entity.id)}, first on ${describeLocation(seen)}`));
  }
  return errors;
}

/**
 * @param refused ids of rows that failed validation: a reference to them is not an error of its own.
 */
export function referenceErrors(entities: readonly LocatedEntity[], existing: RegistrySnapshot, refused: ReadonlyMap<RegistryKind, ReadonlySet<string>>): ImportError[] {
  const located = new Map<string, RowLocation>();
  const merged = Object.fromEntries(Object.keys(NOUN).map((k) => [k, new Map<string, Entity>()])) as { [K in RegistryKind]: Map<string, Entity> };
  for (const kind of Object.keys(NOUN) as RegistryKind[]) for (const e of existing[kind]) merged[kind].set(e.id, e as Entity);
  for (const { kind, entity, loc } of entities) {
    merged[kind].set(entity.id, entity as Entity);
    located.set(`${kind}\u0000${entity.id}`, loc);
  }
  const where = (kind: RegistryKind, id: string): RowLocation | undefined => located.get(`${kind}\u0000${id}`);
  const errors: ImportError[] = [];

  for (const { kind, entity, loc } of entities) {
    if (kind !== 'areas') continue;
    const area = entity as Area;
    if (area.kind === 'region' && area.parentId !== null) errors.push(errorAt(loc, 'parentId', `parentId: a region has no parent, got ${JSON.stringify(area.parentId)}`));
    if (area.kind !== 'region' && area.parentId === null) errors.push(errorAt(loc, 'parentId', `parentId: a ${area.kind} needs a parent ${PARENT_KIND[area.kind] ?? ''}`));
  }

  const check = (rule: RefRule, from: Entity, fromLoc: RowLocation | undefined): void => {
    const value = from[rule.field];
    const ids = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
    for (const id of ids) {
      const to = merged[rule.target].get(id);
      if (to === undefined) {
        // A dangling reference between two untouched entities is not this import's doing.
        if (fromLoc !== undefined && !refused.get(rule.target)?.has(id)) {
          errors.push(errorAt(fromLoc, rule.field, `${rule.field}: no ${NOUN[rule.target]} ${JSON.stringify(id)} in the import or the registry`));
        }
        continue;
      }
      const problem = rule.expect?.(from, to) ?? null;
      if (problem === null) continue;
      if (fromLoc !== undefined) errors.push(errorAt(fromLoc, rule.field, `${rule.field}: ${problem}`));
      else {
        const toLoc = where(rule.target, id);
        if (toLoc !== undefined) errors.push(errorAt(toLoc, null, `this change breaks existing ${NOUN[rule.kind]} ${from.id}: ${rule.field}: ${problem}`));
      }
    }
  };

  for (const rule of RULES) {
    // Every row of the batch, duplicates included, then the registry entities the batch leaves alone.
    for (const { kind, entity, loc } of entities) if (kind === rule.kind) check(rule, entity as Entity, loc);
    for (const from of existing[rule.kind]) if (where(rule.kind, from.id) === undefined) check(rule, from as Entity, undefined);
  }
  return errors;
}
