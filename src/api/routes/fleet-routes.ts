import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FleetOverviewSchema, SeriesQuerySchema, SeriesSchema, SiteDetailSchema, SiteListQuerySchema, SiteListSchema } from '../../contract/api.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError, errorText } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

export function fleetRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/fleet/overview', { schema: { tags: ['fleet'], summary: 'Villages, online/offline and latest warmth of the sites you may see', response: { 200: FleetOverviewSchema } } }, async (req) => {
    const c = requireAction(req, 'fleet:read');
    return deps.queries.overview(c.principal);
  });
  r.get('/api/v1/sites', { schema: { tags: ['fleet'], summary: 'Sites you may see, paged', querystring: SiteListQuerySchema, response: { 200: SiteListSchema } } }, async (req) => {
    const c = requireAction(req, 'fleet:read');
    return deps.queries.listSites(c.principal, req.query);
  });
  r.get('/api/v1/sites/:id', { schema: { tags: ['fleet'], summary: 'One site with its building, units, meters and devices', params: IdParams, response: { 200: SiteDetailSchema } } }, async (req) => {
    const c = requireAction(req, 'fleet:read');
    const d = deps.queries.siteDetail(c.principal, req.params.id);
    if (!d) throw new ApiError('not_found', `no site ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'site', id: req.params.id }) });
    return d;
  });
  r.get(
    '/api/v1/units/:id/series',
    { schema: { tags: ['fleet'], summary: 'Telemetry of one unit: raw readings or 15-min/hourly/daily rollups (mean, min, max)', params: IdParams, querystring: SeriesQuerySchema, response: { 200: SeriesSchema } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      const s = await deps.queries.series(c.principal, req.params.id, req.query);
      if (!s) throw new ApiError('not_found', `no unit ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'unit', id: req.params.id }) });
      return s;
    },
  );
}
