/**
 * In-memory index of the registry snapshot: the registry is small next to telemetry (thousands to a few
 * hundred thousand entities), so scope checks and lookups run against this index, rebuilt whenever the
 * registry changes.
 */
import type { Area, Building, Device, HeatPumpUnit, RegistrySnapshot, Site } from '../domain/registry.js';
import type { DeviceLookup } from './device-directory.js';

export interface FleetIndex extends DeviceLookup {
  readonly snapshot: RegistrySnapshot;
  area(id: string): Area | undefined;
  /** The area and all its ancestors, innermost first. */
  ancestry(areaId: string): Area[];
  /** True when `areaId` is `ancestorId` or lies below it. */
  isWithin(areaId: string, ancestorId: string): boolean;
  site(id: string): Site | undefined;
  unit(id: string): HeatPumpUnit | undefined;
  device(id: string): Device | undefined;
  unitsOfSite(siteId: string): HeatPumpUnit[];
  buildingsOfSite(siteId: string): Building[];
  siteOfUnit(unitId: string): Site | undefined;
  allUnitIds(): string[];
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
};

export function buildFleetIndex(snapshot: RegistrySnapshot): FleetIndex {
  const areas = new Map(snapshot.areas.map((a) => [a.id, a]));
  const sites = new Map(snapshot.sites.map((s) => [s.id, s]));
  const units = new Map(snapshot.units.map((u) => [u.id, u]));
  const devices = new Map(snapshot.devices.map((d) => [d.id, d]));
  const unitsBySite = groupBy(snapshot.units, (u) => u.siteId);
  const buildingsBySite = groupBy(snapshot.buildings, (b) => b.siteId);
  const deviceUnits = new Map(
    snapshot.devices.filter((d) => d.status === 'active').map((d) => [d.id, new Set(d.unitIds) as ReadonlySet<string>]),
  );
  const ancestry = (areaId: string): Area[] => {
    const out: Area[] = [];
    const seen = new Set<string>();
    let cur = areas.get(areaId);
    while (cur && !seen.has(cur.id)) {
      out.push(cur);
      seen.add(cur.id);
      cur = cur.parentId === null ? undefined : areas.get(cur.parentId);
    }
    return out;
  };
  return {
    snapshot,
    area: (id) => areas.get(id),
    ancestry,
    isWithin: (areaId, ancestorId) => ancestry(areaId).some((a) => a.id === ancestorId),
    site: (id) => sites.get(id),
    unit: (id) => units.get(id),
    device: (id) => devices.get(id),
    unitsOfSite: (siteId) => unitsBySite.get(siteId) ?? [],
    buildingsOfSite: (siteId) => buildingsBySite.get(siteId) ?? [],
    siteOfUnit: (unitId) => {
      const u = units.get(unitId);
      return u ? sites.get(u.siteId) : undefined;
    },
    allUnitIds: () => [...units.keys()],
    unitsOfDevice: (deviceId) => deviceUnits.get(deviceId) ?? null,
  };
}
