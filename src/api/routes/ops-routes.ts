import type { FastifyInstance } from 'fastify';
import { may } from '../../app/authorize.js';
import type { ApiDeps } from '../deps.js';
import { body } from '../errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function opsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'Liveness and store reachability' } }, async (_req, reply) => {
    try {
      const readings = await deps.telemetry.countReadings();
      return { status: 'ok', clockMs: deps.clock.nowMs(), readings, sites: deps.registry.index().snapshot.sites.length };
    } catch (e) {
      return reply.code(503).send({ status: 'unavailable', reason: (e as Error).message });
    }
  });
  // Metrics hold counts, no personal data; still, only a local scraper or an auditor's token reads them.
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics (from loopback, or with a token holding audit:read)' } }, async (req, reply) => {
    const local = LOOPBACK.has(req.ip);
    if (!local && !(req.caller && may(req.caller.principal, 'audit:read'))) return reply.code(403).send(body('forbidden', 'metrics are for a local scraper or an auditor'));
    return reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.metrics());
  });
}
