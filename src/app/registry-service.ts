/**
 * Registry writes and the live index. Writes are authorised per entity (an operator edits only its own
 * sites in its area; areas, organisations and programmes are the administrator's) and stored atomically;
 * the index is rebuilt after every write so scope checks see the new state at once.
 */
import type { RegistryKind, RegistrySnapshot } from '../domain/registry.js';
import { may, type Principal } from './authorize.js';
import { buildFleetIndex, type FleetIndex } from './fleet-index.js';
import type { RegistryStore } from './ports/registry-store.js';

export interface ScopeViolation {
  readonly kind: RegistryKind;
  readonly id: string;
  readonly reason: string;
}

/** Which entities of a batch `p` may not write, with reasons (empty = all allowed). */
export function writeViolations(p: Principal, batch: Partial<RegistrySnapshot>, index: FleetIndex): ScopeViolation[] {
  if (p.role === 'admin' && may(p, 'registry:write')) return [];
  const out: ScopeViolation[] = [];
  if (!may(p, 'registry:write') || p.role !== 'operator-admin') {
    for (const [kind, items] of Object.entries(batch) as [RegistryKind, { id: string }[]][]) for (const it of items ?? []) out.push({ kind, id: it.id, reason: `role ${p.role} may not change the registry` });
    return out;
  }
  const inArea = (villageId: string) => p.scopeAreaId === null || index.isWithin(villageId, p.scopeAreaId);
  const batchSites = new Map((batch.sites ?? []).map((s) => [s.id, s]));
  const siteOk = (siteId: string): boolean => {
    const existing = index.site(siteId);
    if (existing && existing.operatorOrgId !== p.orgId) return false; // cannot take over or edit a competitor's site
    const s = batchSites.get(siteId) ?? existing;
    return s !== undefined && s.operatorOrgId === p.orgId && inArea(s.villageId);
  };
  const batchUnits = new Map((batch.units ?? []).map((u) => [u.id, u]));
  const unitSite = (unitId: string) => (batchUnits.get(unitId) ?? index.unit(unitId))?.siteId;
  for (const kind of ['areas', 'organisations', 'programmes'] as const)
    for (const it of batch[kind] ?? []) out.push({ kind, id: it.id, reason: `only an administrator may change ${kind}` });
  // A village transformer is shared by every site of the village: an operator changes it only where it
  // operates alone, so a competitor's limits cannot be edited (or a transformer moved away from them).
  const villageIsMine = (villageId: string) =>
    inArea(villageId) && ![...index.snapshot.sites, ...(batch.sites ?? [])].some((s) => s.villageId === villageId && s.operatorOrgId !== p.orgId);
  for (const t of batch.transformers ?? []) {
    const old = index.snapshot.transformers.find((x) => x.id === t.id);
    if (!villageIsMine(t.villageId) || (old !== undefined && !villageIsMine(old.villageId)))
      out.push({ kind: 'transformers', id: t.id, reason: 'a transformer you may write serves only sites of your organisation inside your area' });
  }
  for (const s of batch.sites ?? []) if (!siteOk(s.id)) out.push({ kind: 'sites', id: s.id, reason: 'a site you may write is operated by your organisation inside your area' });
  for (const kind of ['buildings', 'units', 'devices'] as const)
    for (const it of batch[kind] ?? []) if (!siteOk(it.siteId)) out.push({ kind, id: it.id, reason: `site ${it.siteId} is not yours to change` });
  for (const m of batch.meters ?? []) {
    const siteId = unitSite(m.unitId);
    if (siteId === undefined || !siteOk(siteId)) out.push({ kind: 'meters', id: m.id, reason: `unit ${m.unitId} is not yours to change` });
  }
  // Moving an existing entity away from a site of yours counts too: the old owner must be you as well.
  for (const u of batch.units ?? []) {
    const old = index.unit(u.id);
    if (old && !siteOk(old.siteId)) out.push({ kind: 'units', id: u.id, reason: `unit ${u.id} belongs to a site that is not yours` });
  }
  for (const d of batch.devices ?? []) {
    const old = index.device(d.id);
    if (old && !siteOk(old.siteId)) out.push({ kind: 'devices', id: d.id, reason: `device ${d.id} belongs to a site that is not yours` });
  }
  return out;
}

export interface RegistryService {
  index(): FleetIndex;
  reload(): Promise<FleetIndex>;
  /** Store a batch atomically and rebuild the index. Authorisation and validation happen before. */
  write(batch: Partial<RegistrySnapshot>): Promise<FleetIndex>;
  onChange(listener: (index: FleetIndex) => void): void;
}

export async function createRegistryService(store: RegistryStore): Promise<RegistryService> {
  let current = buildFleetIndex(await store.snapshot());
  const listeners: ((i: FleetIndex) => void)[] = [];
  const reload = async () => {
    current = buildFleetIndex(await store.snapshot());
    for (const l of listeners) l(current);
    return current;
  };
  return {
    index: () => current,
    reload,
    async write(batch) {
      await store.upsert(batch);
      return reload();
    },
    onChange: (l) => void listeners.push(l),
  };
}
