/**
 * Live updates by Server-Sent Events. Each connection re-checks its caller's scope on every event, so a
 * listener only ever receives summaries of sites it may see.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeSite } from '../../app/authorize.js';
import type { LiveSitesEvent } from '../../contract/api.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError, errorText } from '../errors.js';

const MAX_STREAMS_PER_USER = 20;

export function liveRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const openPerUser = new Map<string, number>();

  const stream = (req: FastifyRequest, reply: FastifyReply, only: string | null) => {
    const c = requireAction(req, 'fleet:read');
    const open = openPerUser.get(c.user.id) ?? 0;
    if (open >= MAX_STREAMS_PER_USER) throw new ApiError('rate_limited', `at most ${MAX_STREAMS_PER_USER} live streams per user`);
    openPerUser.set(c.user.id, open + 1);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (siteIds: ReadonlySet<string> | null) => {
      const ids = only === null ? siteIds : siteIds === null || siteIds.has(only) ? new Set([only]) : new Set<string>();
      if (ids !== null && ids.size === 0) return;
      // visibleSummaries applies the caller's scope afresh on every event.
      const sites = deps.queries.visibleSummaries(c.principal, ids ?? undefined);
      if (sites.length === 0 && siteIds !== null) return;
      const ev: LiveSitesEvent = { clockMs: deps.clock.nowMs(), sites };
      res.write(`event: sites\ndata: ${JSON.stringify(ev)}\n\n`);
    };
    send(null); // the full current state first
    const unsubscribe = deps.live.subscribe((changed) => send(changed));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    req.raw.on('close', () => {
      unsubscribe();
      clearInterval(keepAlive);
      openPerUser.set(c.user.id, Math.max(0, (openPerUser.get(c.user.id) ?? 1) - 1));
    });
  };

  r.get('/api/v1/live/fleet', { schema: { tags: ['live'], summary: 'Server-Sent Events: `sites` events with the summaries of changed sites in your scope' } }, async (req, reply) => stream(req, reply, null));
  r.get('/api/v1/live/sites/:id', { schema: { tags: ['live'], summary: 'Server-Sent Events for one site', params: z.object({ id: z.string().min(1).max(64) }) } }, async (req, reply) => {
    const c = requireAction(req, 'fleet:read');
    const index = deps.registry.index();
    const site = index.site(req.params.id);
    if (!site || !canSeeSite(c.principal, site, index)) throw new ApiError('not_found', `no site ${req.params.id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'site', id: req.params.id }) });
    stream(req, reply, site.id);
  });
}
