/**
 * The fleet's current state: the newest reading of every unit, refreshed from the telemetry store, and
 * the per-site summaries built from it (online/offline, latest warmth and power). Feeds the overview,
 * the site list and the live updates; changed sites are reported so live channels send only deltas.
 */
import type { LatestView, SiteSummary } from '../contract/api.js';
import type { Site } from '../domain/registry.js';
import type { Reading } from '../domain/telemetry-channels.js';
import type { FleetIndex } from './fleet-index.js';
import type { Clock } from './ports/clock.js';
import type { TelemetryStore } from './ports/telemetry-store.js';

const sumDefined = (xs: readonly (number | undefined)[]): number | null => {
  const d = xs.filter((x): x is number => x !== undefined);
  return d.length === 0 ? null : d.reduce((a, b) => a + b, 0);
};
const firstDefined = (xs: readonly (number | undefined)[]): number | null => xs.find((x) => x !== undefined) ?? null;
const meanDefined = (xs: readonly (number | undefined)[]): number | null => {
  const d = xs.filter((x): x is number => x !== undefined);
  return d.length === 0 ? null : d.reduce((a, b) => a + b, 0) / d.length;
};

/** Latest view of a site from its units' newest readings. Electric power is the H4 boundary: unit + backup + pump. */
export function latestViewOf(readings: readonly Reading[]): LatestView | null {
  if (readings.length === 0) return null;
  const v = readings.map((r) => r.values);
  const elec = readings.map((r) => sumDefined([r.values.unitPowerW, r.values.backupPowerW, r.values.pumpPowerW]) ?? undefined);
  return {
    tsMs: Math.max(...readings.map((r) => r.tsMs)),
    indoorTempC: meanDefined(v.map((x) => x.indoorTempC)),
    outdoorTempC: meanDefined(v.map((x) => x.outdoorTempC)),
    supplyTempC: meanDefined(v.map((x) => x.supplyTempC)),
    returnTempC: meanDefined(v.map((x) => x.returnTempC)),
    elecPowerW: sumDefined(elec),
    heatPowerW: sumDefined(v.map((x) => x.heatPowerW)),
    compressorOn: sumDefined(v.map((x) => x.compressorOn)),
    defrost: sumDefined(v.map((x) => x.defrost)),
    setpointC: firstDefined(v.map((x) => x.setpointC)),
    faultCode: readings.find((r) => r.faultCode !== undefined)?.faultCode ?? null,
  };
}

export interface FleetStatus {
  /** Pull the newest readings; returns the ids of sites whose summary changed. */
  refresh(): Promise<Set<string>>;
  summaryOf(site: Site): SiteSummary;
  readonly offlineAfterMs: number;
  setIndex(index: FleetIndex): void;
}

export function createFleetStatus(deps: { store: TelemetryStore; clock: Clock; index: FleetIndex; offlineAfterMs: number }): FleetStatus {
  let index = deps.index;
  const latest = new Map<string, Reading>();
  const onlineState = new Map<string, boolean>();

  const summaryOf = (site: Site): SiteSummary => {
    const units = index.unitsOfSite(site.id);
    const readings = units.map((u) => latest.get(u.id)).filter((r): r is Reading => r !== undefined);
    const view = latestViewOf(readings);
    const building = index.buildingsOfSite(site.id)[0];
    const village = index.area(site.villageId);
    return {
      id: site.id,
      name: site.name,
      kind: site.kind,
      villageId: site.villageId,
      villageName: village?.nameZh ?? village?.name ?? site.villageId,
      operatorOrgId: site.operatorOrgId,
      unitIds: units.map((u) => u.id),
      capacityKw: units.reduce((a, u) => a + u.nominalCapacityKw, 0),
      emitter: units[0]?.emitter ?? null,
      heatedAreaM2: building?.heatedAreaM2 ?? null,
      online: view !== null && deps.clock.nowMs() - view.tsMs < deps.offlineAfterMs,
      latest: view,
    };
  };

  return {
    offlineAfterMs: deps.offlineAfterMs,
    setIndex(next) {
      index = next;
    },
    async refresh() {
      const rows = await deps.store.latest(index.allUnitIds());
      const changed = new Set<string>();
      for (const r of rows) {
        const prev = latest.get(r.unitId);
        if (prev === undefined || prev.tsMs !== r.tsMs) {
          latest.set(r.unitId, r);
          const site = index.siteOfUnit(r.unitId);
          if (site) changed.add(site.id);
        }
      }
      // Sites that crossed the offline threshold changed too, even without new data.
      const nowMs = deps.clock.nowMs();
      for (const site of index.snapshot.sites) {
        const newestMs = Math.max(-Infinity, ...index.unitsOfSite(site.id).map((u) => latest.get(u.id)?.tsMs ?? -Infinity));
        const online = nowMs - newestMs < deps.offlineAfterMs;
        if (onlineState.get(site.id) !== online) {
          onlineState.set(site.id, online);
          changed.add(site.id);
        }
      }
      return changed;
    },
    summaryOf,
  };
}
