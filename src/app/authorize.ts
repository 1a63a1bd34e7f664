/**
 * Authorisation in one place: role × scope × action, deny by default. Every HTTP route, live channel,
 * export and CLI action asks this module; nothing else decides who may see or steer what.
 *
 * Scope rules:
 * - admin: the whole installation.
 * - regulator: every site inside its area (read only).
 * - operator-admin, technician: sites inside its area that its organisation operates or services
 *   (an enterprise never sees a competitor's fleet).
 * - household: its own site only.
 */
import { roleMay, type Action, type Role } from '../domain/roles.js';
import type { Site } from '../domain/registry.js';
import type { FleetIndex } from './fleet-index.js';

export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly orgId: string;
  readonly scopeAreaId: string | null;
  readonly siteId: string | null;
  /** Effective actions: the role's, narrowed by an API token's own list. */
  readonly actions: ReadonlySet<Action>;
  /** `session`, or `token:<id>` for machine clients; used in the audit log. */
  readonly via: string;
}

export const may = (p: Principal, action: Action): boolean => roleMay(p.role, action) && p.actions.has(action);

/** Is the site inside the principal's scope (whatever the action)? */
function inScope(p: Principal, site: Site, index: FleetIndex): boolean {
  switch (p.role) {
    case 'admin':
      return true;
    case 'household':
      return p.siteId !== null && site.id === p.siteId;
    case 'regulator':
      return p.scopeAreaId !== null && index.isWithin(site.villageId, p.scopeAreaId);
    case 'operator-admin':
    case 'technician': {
      const ownsIt = site.operatorOrgId === p.orgId || site.serviceOrgId === p.orgId;
      const inArea = p.scopeAreaId === null || index.isWithin(site.villageId, p.scopeAreaId);
      return ownsIt && inArea;
    }
    default:
      return false;
  }
}

export const canSeeSite = (p: Principal, site: Site, index: FleetIndex): boolean => may(p, 'fleet:read') && inScope(p, site, index);

/**
 * May `p` take a site-bound action (write, command, ingest) on this site? The site must be in scope;
 * the action need not come with `fleet:read`, so an ingest-only token cannot read households' data.
 */
export const canActOnSite = (p: Principal, action: Action, site: Site, index: FleetIndex): boolean =>
  may(p, action) && inScope(p, site, index) && p.role !== 'regulator' && p.role !== 'household';

export const visibleSites = (p: Principal, index: FleetIndex): Site[] => index.snapshot.sites.filter((s) => canSeeSite(p, s, index));

/** Areas a principal may see: those holding at least one visible site, with their ancestors; all for admin and regulators in scope. */
export function canSeeArea(p: Principal, areaId: string, index: FleetIndex): boolean {
  if (!may(p, 'fleet:read')) return false;
  if (p.role === 'admin') return true;
  if (p.role === 'regulator') return p.scopeAreaId !== null && (index.isWithin(areaId, p.scopeAreaId) || index.isWithin(p.scopeAreaId, areaId));
  return visibleSites(p, index).some((s) => index.isWithin(s.villageId, areaId));
}
