import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ThermalModelQuerySchema, ThermalModelSchema } from '../../contract/thermal-model.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Models learned from a household's telemetry (docs/optimize.md, src/optimize/identify/identify-rc.md). */
export function modelRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/units/:id/thermal-model',
    {
      schema: {
        tags: ['optimise'],
        summary: 'The 1R1C room model fitted to the unit\'s 15-minute telemetry (registered building as prior), its goodness of fit, and the measured COP correction of the unit\'s map',
        params: IdParams, querystring: ThermalModelQuerySchema, response: { 200: ThermalModelSchema },
      },
    },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      const m = await deps.models.thermalModel(c.principal, req.params.id, req.query);
      if (!m) throw new ApiError('not_found', `no unit ${req.params.id} in your scope`);
      return m;
    },
  );
}
