/**
 * Read use cases behind the fleet pages: overview by village, paged site list, site detail and
 * telemetry series. Everything is filtered through `authorize` first: a caller never learns that a
 * site outside its scope exists (the answer is "not found", not "forbidden").
 */
import type { FleetOverview, Series, SiteDetail, SiteList, SiteSummary, VillageSummary } from '../contract/api.js';
import type { ChannelKey } from '../domain/telemetry-channels.js';
import { canSeeSite, type Principal, visibleSites } from './authorize.js';
import type { FleetIndex } from './fleet-index.js';
import type { FleetStatus } from './fleet-status.js';
import type { Clock } from './ports/clock.js';
import type { RollupResolution, TelemetryStore } from './ports/telemetry-store.js';

const MAX_POINTS = 20_000;

export interface FleetQueries {
  overview(p: Principal): FleetOverview;
  listSites(p: Principal, q: { page: number; pageSize: number; villageId?: string; q?: string; status?: 'online' | 'offline' }): SiteList;
  siteDetail(p: Principal, siteId: string): SiteDetail | null;
  series(p: Principal, unitId: string, q: { from: number; to: number; resolution: 'raw' | RollupResolution; channels?: ChannelKey[] }): Promise<Series | null>;
  visibleSummaries(p: Principal, siteIds?: ReadonlySet<string>): SiteSummary[];
}

export function createFleetQueries(deps: { index: () => FleetIndex; status: FleetStatus; store: TelemetryStore; clock: Clock }): FleetQueries {
  const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

  const villageSummary = (index: FleetIndex, villageId: string, sites: SiteSummary[]): VillageSummary => {
    const v = index.area(villageId);
    const county = v?.parentId ? index.area(v.parentId) : undefined;
    const online = sites.filter((s) => s.online);
    const indoor = online.map((s) => s.latest?.indoorTempC).filter((x): x is number => x !== null && x !== undefined);
    const transformers = index.snapshot.transformers.filter((t) => t.villageId === villageId);
    return {
      id: villageId,
      name: v?.name ?? villageId,
      nameZh: v?.nameZh ?? null,
      countyName: county ? (county.nameZh ?? county.name) : null,
      lat: v?.lat ?? null,
      lon: v?.lon ?? null,
      sites: sites.length,
      online: online.length,
      offline: sites.length - online.length,
      meanIndoorTempC: mean(indoor),
      sitesBelow18C: online.filter((s) => (s.latest?.indoorTempC ?? 99) < 18).length,
      elecPowerW: online.reduce((a, s) => a + (s.latest?.elecPowerW ?? 0), 0),
      heatPowerW: online.reduce((a, s) => a + (s.latest?.heatPowerW ?? 0), 0),
      transformerKva: transformers.length === 0 ? null : transformers.reduce((a, t) => a + t.ratingKva, 0),
    };
  };

  const visibleSummaries = (p: Principal, only?: ReadonlySet<string>): SiteSummary[] => {
    const index = deps.index();
    return visibleSites(p, index)
      .filter((s) => only === undefined || only.has(s.id))
      .map((s) => deps.status.summaryOf(s));
  };

  return {
    visibleSummaries,
    overview(p) {
      const index = deps.index();
      const sites = visibleSummaries(p);
      const byVillage = new Map<string, SiteSummary[]>();
      for (const s of sites) {
        const list = byVillage.get(s.villageId);
        if (list) list.push(s);
        else byVillage.set(s.villageId, [s]);
      }
      const villages = [...byVillage.entries()].map(([id, ss]) => villageSummary(index, id, ss)).sort((a, b) => a.id.localeCompare(b.id));
      const online = sites.filter((s) => s.online);
      const indoor = online.map((s) => s.latest?.indoorTempC).filter((x): x is number => x !== null && x !== undefined);
      return {
        clockMs: deps.clock.nowMs(),
        offlineAfterMs: deps.status.offlineAfterMs,
        villages,
        totals: {
          sites: sites.length,
          online: online.length,
          offline: sites.length - online.length,
          meanIndoorTempC: mean(indoor),
          elecPowerW: villages.reduce((a, v) => a + v.elecPowerW, 0),
          heatPowerW: villages.reduce((a, v) => a + v.heatPowerW, 0),
          sitesBelow18C: villages.reduce((a, v) => a + v.sitesBelow18C, 0),
        },
      };
    },
    listSites(p, q) {
      const needle = q.q?.toLowerCase();
      const all = visibleSummaries(p)
        .filter((s) => q.villageId === undefined || s.villageId === q.villageId)
        .filter((s) => q.status === undefined || (q.status === 'online') === s.online)
        .filter((s) => needle === undefined || s.name.toLowerCase().includes(needle) || s.id.toLowerCase().includes(needle))
        .sort((a, b) => a.id.localeCompare(b.id));
      const start = (q.page - 1) * q.pageSize;
      return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
    },
    siteDetail(p, siteId) {
      const index = deps.index();
      const site = index.site(siteId);
      if (!site || !canSeeSite(p, site, index)) return null;
      const units = index.unitsOfSite(site.id);
      const unitIds = new Set(units.map((u) => u.id));
      const snap = index.snapshot;
      return {
        site,
        village: index.area(site.villageId) ?? null,
        operator: snap.organisations.find((o) => o.id === site.operatorOrgId) ?? null,
        programme: snap.programmes.find((x) => x.id === site.programmeId) ?? null,
        transformer: snap.transformers.find((t) => t.id === site.transformerId) ?? null,
        buildings: index.buildingsOfSite(site.id),
        units,
        meters: snap.meters.filter((m) => unitIds.has(m.unitId)),
        devices: snap.devices.filter((d) => d.siteId === site.id),
        summary: deps.status.summaryOf(site),
      };
    },
    async series(p, unitId, q) {
      const index = deps.index();
      const site = index.siteOfUnit(unitId);
      if (!site || !canSeeSite(p, site, index)) return null;
      const pick = (values: Record<string, number>): Record<string, number> =>
        q.channels ? Object.fromEntries(q.channels.filter((c) => values[c] !== undefined).map((c) => [c, values[c] as number])) : values;
      if (q.resolution === 'raw') {
        const rows = await deps.store.queryRaw({ unitId, fromMs: q.from, toMs: q.to, limit: MAX_POINTS + 1 });
        return {
          unitId,
          resolution: 'raw',
          from: q.from,
          to: q.to,
          truncated: rows.length > MAX_POINTS,
          points: rows.slice(0, MAX_POINTS).map((r) => ({ tsMs: r.tsMs, values: pick(r.values as Record<string, number>) })),
        };
      }
      const rows = await deps.store.queryRollup({ unitIds: [unitId], resolution: q.resolution, fromMs: q.from, toMs: q.to });
      const points = rows.slice(0, MAX_POINTS).map((r) => {
        const entries = Object.entries(r.channels).filter(
          (e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined && (q.channels === undefined || q.channels.includes(e[0] as ChannelKey)),
        );
        return {
          tsMs: r.bucketStartMs,
          values: Object.fromEntries(entries.map(([c, a]) => [c, a.avg])),
          min: Object.fromEntries(entries.map(([c, a]) => [c, a.min])),
          max: Object.fromEntries(entries.map(([c, a]) => [c, a.max])),
        };
      });
      return { unitId, resolution: q.resolution, from: q.from, to: q.to, truncated: rows.length > MAX_POINTS, points };
    },
  };
}
