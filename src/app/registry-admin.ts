/**
 * Registry use cases for people and tokens: scoped reads and export, authorised import and upsert.
 * An import is validated whole (rows, references) and authorised whole before one atomic write.
 */
import { REGISTRY_KINDS, emptySnapshot, type RegistryKind, type RegistrySnapshot } from '../domain/registry.js';
import { canSeeArea, canSeeSite, may, type Principal } from './authorize.js';
import type { FleetIndex } from './fleet-index.js';
import type { AccessStore } from './ports/access-store.js';
import type { Clock } from './ports/clock.js';
import { exportRegistry, parseRegistryFiles, type ExportFormat, type ImportError, type KindCounts, type RegistryFile } from './registry-io/index.js';
import { writeViolations, type RegistryService } from './registry-service.js';

export type RegistryImportResult =
  | { ok: true; dryRun: boolean; counts: KindCounts }
  /** `invalid`: rows fail validation or references; `forbidden`: valid, but outside the caller's rights. */
  | { ok: false; refusal: 'invalid' | 'forbidden'; errors: ImportError[]; errorCount: number };

/** The part of the registry a principal may read. */
export function scopedSnapshot(p: Principal, index: FleetIndex): RegistrySnapshot {
  const snap = index.snapshot;
  if (p.role === 'admin' && may(p, 'fleet:read')) return snap;
  const sites = snap.sites.filter((s) => canSeeSite(p, s, index));
  const siteIds = new Set(sites.map((s) => s.id));
  const units = snap.units.filter((u) => siteIds.has(u.siteId));
  const unitIds = new Set(units.map((u) => u.id));
  const villages = new Set(sites.map((s) => s.villageId));
  const orgIds = new Set([p.orgId, ...sites.flatMap((s) => [s.operatorOrgId, s.serviceOrgId ?? '']), ...units.map((u) => u.manufacturerOrgId ?? '')]);
  const programmeIds = new Set(sites.map((s) => s.programmeId ?? ''));
  const regulator = p.role === 'regulator';
  return {
    areas: snap.areas.filter((a) => canSeeArea(p, a.id, index)),
    organisations: regulator ? snap.organisations : snap.organisations.filter((o) => orgIds.has(o.id)),
    programmes: snap.programmes.filter((x) => programmeIds.has(x.id) || (regulator && canSeeArea(p, x.areaId, index))),
    transformers: snap.transformers.filter((t) => villages.has(t.villageId) || (regulator && canSeeArea(p, t.villageId, index))),
    sites,
    buildings: snap.buildings.filter((b) => siteIds.has(b.siteId)),
    units,
    meters: snap.meters.filter((m) => unitIds.has(m.unitId)),
    devices: snap.devices.filter((d) => siteIds.has(d.siteId)),
  };
}

export function createRegistryAdmin(deps: { registry: RegistryService; access: AccessStore; clock: Clock }) {
  const audit = (p: Principal, action: string, target: string, outcome: 'ok' | 'denied' | 'failed', detail: string) =>
    deps.access.appendAudit({ atMs: deps.clock.nowMs(), actor: p.userId, action, target, outcome, detail: `${detail} via ${p.via}`.trim() });

  const authoriseAndWrite = async (p: Principal, batch: Partial<RegistrySnapshot>, action: string, dryRun: boolean, counts: KindCounts): Promise<RegistryImportResult> => {
    const violations = writeViolations(p, batch, deps.registry.index());
    if (violations.length > 0) {
      await audit(p, action, 'registry', 'denied', `${violations.length} entities outside the caller's rights`);
      return {
        ok: false,
        refusal: 'forbidden',
        errorCount: violations.length,
        errors: violations.slice(0, 1000).map((v) => ({ file: '', sheet: v.kind, row: 0, column: 'id', reason: `${v.kind} ${v.id}: ${v.reason}` })),
      };
    }
    if (!dryRun) {
      await deps.registry.write(batch);
      await audit(p, action, 'registry', 'ok', REGISTRY_KINDS.filter((k) => counts[k] > 0).map((k) => `${k}=${counts[k]}`).join(' '));
    }
    return { ok: true, dryRun, counts };
  };

  return {
    list(p: Principal, kind: RegistryKind): unknown[] {
      return scopedSnapshot(p, deps.registry.index())[kind];
    },
    async export(p: Principal, format: ExportFormat): Promise<RegistryFile[]> {
      const files = await exportRegistry(scopedSnapshot(p, deps.registry.index()), format);
      await audit(p, 'registry.export', 'registry', 'ok', format);
      return files;
    },
    async import(p: Principal, files: readonly RegistryFile[], dryRun: boolean): Promise<RegistryImportResult> {
      const parsed = await parseRegistryFiles(files, { existing: deps.registry.index().snapshot });
      if (!parsed.ok) {
        await audit(p, 'registry.import', 'registry', 'failed', `${parsed.errorCount} row errors`);
        return { ok: false, refusal: 'invalid', errors: parsed.errors, errorCount: parsed.errorCount };
      }
      return authoriseAndWrite(p, parsed.batch, 'registry.import', dryRun, parsed.counts);
    },
    /** Create or replace entities of one kind, given as JSON objects (validated here, referenced ids checked). */
    async upsert(p: Principal, kind: RegistryKind, items: readonly unknown[]): Promise<RegistryImportResult> {
      const doc = { ...emptySnapshot(), [kind]: items };
      const file: RegistryFile = { name: `${kind}.json`, bytes: new TextEncoder().encode(JSON.stringify({ [kind]: doc[kind] })) };
      const parsed = await parseRegistryFiles([file], { existing: deps.registry.index().snapshot });
      if (!parsed.ok) return { ok: false, refusal: 'invalid', errors: parsed.errors, errorCount: parsed.errorCount };
      return authoriseAndWrite(p, parsed.batch, 'registry.upsert', false, parsed.counts);
    },
  };
}
export type RegistryAdmin = ReturnType<typeof createRegistryAdmin>;
