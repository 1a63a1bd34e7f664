/**
 * HTTP batch ingestion: the same rules as MQTT (src/app/ingest-telemetry.ts). Devices authenticate with
 * HTTP Basic (device id, device secret); machine clients with a bearer token holding `telemetry:write`
 * may post for units of sites they may act on.
 */
import type { FastifyInstance } from 'fastify';
import { canActOnSite } from '../../app/authorize.js';
import type { IngestSender } from '../../app/ingest-telemetry.js';
import { MAX_PAYLOAD_BYTES } from '../../contract/telemetry-payload.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';

export function telemetryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // Raw body: the ingest use case parses it, so HTTP and MQTT report the same reasons.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_PAYLOAD_BYTES }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/telemetry',
      { schema: { tags: ['telemetry'], summary: 'Post a reading or a batch {"readings":[…]} (docs/telemetry.md); valid readings are stored, invalid ones listed with reasons' }, bodyLimit: MAX_PAYLOAD_BYTES },
      async (req, reply) => {
        let sender: IngestSender;
        if (req.device) sender = req.device;
        else {
          const c = requireAction(req, 'telemetry:write');
          const index = deps.registry.index();
          const unitIds = new Set(index.snapshot.units.filter((u) => {
            const site = index.site(u.siteId);
            return site !== undefined && canActOnSite(c.principal, 'telemetry:write', site, index);
          }).map((u) => u.id));
          sender = { id: c.principal.via === 'session' ? c.user.id : c.principal.via, unitIds };
        }
        const report = await deps.ingestor.ingest(sender, req.body as Buffer, { source: 'http', topic: null });
        const status = report.rejected.length === 0 ? 200 : report.accepted + report.duplicates > 0 ? 207 : 400;
        return reply.code(status).send(report);
      },
    );
  });
}
