/**
 * Demand-response events over HTTP (docs/demand-response.md): a grid operator's request (or an OpenADR 2.0-style
 * client with an API token holding device:command) becomes an offer, a commitment dispatched as a plan revision,
 * and a delivery report. Scope is decided in src/app (authorize.ts through the dispatch scope rules).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CancelDrEventSchema, CommitDrEventSchema, CreateDrEventSchema, DrEventDetailSchema, DrEventIdSchema, DrEventListQuerySchema, DrEventListSchema } from '../../contract/dr-events.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError, errorText } from '../errors.js';

const EventParams = z.object({ id: DrEventIdSchema });
const TAGS = ['demand response'];

export function drRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/dr/events',
    { schema: { tags: TAGS, summary: 'A request to reduce or increase a village\'s power over a window: answered with the firm offer the village can make without breaking comfort (the day must have a plan)', body: CreateDrEventSchema, response: { 201: DrEventDetailSchema } } },
    async (req, reply) => {
      const c = requireAction(req, 'device:command');
      const res = await deps.dr.create(c.principal, req.body);
      if (!res.ok) throw new ApiError(res.code, res.message, undefined, { text: res.text });
      void reply.code(201);
      return res.value;
    },
  );
  r.post(
    '/api/v1/dr/events/:id/commit',
    { schema: { tags: TAGS, summary: 'Commit an offered event: the participating households are re-planned (least cost, within transformer ratings, comfort kept) and the new plan revision is dispatched', params: EventParams, body: CommitDrEventSchema, response: { 200: DrEventDetailSchema } } },
    async (req) => {
      const c = requireAction(req, 'device:command');
      const res = await deps.dr.commit(c.principal, req.params.id, req.body.requestedKw);
      if (!res.ok) throw new ApiError(res.code, res.message, undefined, { text: res.text });
      return res.value;
    },
  );
  r.post(
    '/api/v1/dr/events/:id/cancel',
    { schema: { tags: TAGS, summary: 'Cancel an offered or committed event before its window ends: the participants return to their pre-event plan (a new plan revision, dispatched to their devices); audited', params: EventParams, body: CancelDrEventSchema, response: { 200: DrEventDetailSchema } } },
    async (req) => {
      const c = requireAction(req, 'device:command');
      const res = await deps.dr.cancel(c.principal, req.params.id, req.body.note);
      if (!res.ok) throw new ApiError(res.code, res.message, undefined, { text: res.text });
      return res.value;
    },
  );
  r.get(
    '/api/v1/dr/events',
    { schema: { tags: TAGS, summary: 'Demand-response events of the villages you may see, newest first', querystring: DrEventListQuerySchema, response: { 200: DrEventListSchema } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      return { items: await deps.dr.list(c.principal, req.query) };
    },
  );
  r.get(
    '/api/v1/dr/events/:id',
    { schema: { tags: TAGS, summary: 'One event: offer, commitment, and the flexibility delivered so far against the pre-event plan', params: EventParams, response: { 200: DrEventDetailSchema } } },
    async (req) => {
      const c = requireAction(req, 'fleet:read');
      const e = await deps.dr.get(c.principal, req.params.id);
      if (!e) throw new ApiError('not_found', `no demand-response event ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'dr-event', id: req.params.id }) });
      return e;
    },
  );
}
