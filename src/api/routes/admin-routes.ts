import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntryViewSchema, DeadLetterViewSchema, DeviceCredentialIssuedSchema } from '../../contract/api.js';
import { NewUserSchema, PasswordSchema } from '../../app/user-admin.js';
import { ROLE_ACTIONS } from '../../domain/roles.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { userView } from './auth-routes.js';

const Limit = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), before: z.coerce.number().int().optional() });
const IdParams = z.object({ id: z.string().min(1).max(64) });

export function adminRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/dead-letters', { schema: { tags: ['operations'], summary: 'Rejected telemetry with reasons (of devices in your scope; all for admins)', querystring: Limit, response: { 200: z.object({ items: z.array(DeadLetterViewSchema) }) } } }, async (req) => {
    const c = requireAction(req, 'deadletter:read');
    const senderIds = c.principal.role === 'admin' ? undefined : (deps.registryAdmin.list(c.principal, 'devices') as { id: string }[]).map((d) => d.id);
    const items = await deps.telemetry.listDeadLetters({ limit: req.query.limit, ...(req.query.before === undefined ? {} : { beforeMs: req.query.before }), ...(senderIds ? { senderIds } : {}) });
    return { items };
  });
  r.get('/api/v1/audit', { schema: { tags: ['operations'], summary: 'Audit log, newest first (read-only; nobody can edit it)', querystring: Limit.extend({ actor: z.string().max(100).optional() }), response: { 200: z.object({ items: z.array(AuditEntryViewSchema) }) } } }, async (req) => {
    const c = requireAction(req, 'audit:read');
    const items = await deps.access.listAudit({ limit: req.query.limit, ...(req.query.before === undefined ? {} : { beforeMs: req.query.before }), ...(req.query.actor ? { actor: req.query.actor } : {}) });
    if (c.principal.role === 'admin') return { items };
    // An operator's admin reads the entries of its own organisation's people.
    const own = new Set((await deps.access.listUsers()).filter((u) => u.orgId === c.principal.orgId).map((u) => u.id));
    return { items: items.filter((e) => own.has(e.actor)) };
  });

  r.get('/api/v1/users', { schema: { tags: ['users'], summary: 'Users you may manage' } }, async (req) => {
    const c = requireAction(req, 'users:manage');
    const users = await deps.userAdmin.list(c.principal);
    return { items: users.map((u) => ({ ...userView(deps, u, ROLE_ACTIONS[u.role]), disabled: u.disabled, lockedUntilMs: u.lockedUntilMs })) };
  });
  r.post('/api/v1/users', { schema: { tags: ['users'], summary: 'Create a user', body: NewUserSchema } }, async (req, reply) => {
    const c = requireAction(req, 'users:manage');
    const res = await deps.userAdmin.create(c.principal, req.body);
    if (!res.ok) throw new ApiError(res.code, res.message);
    void reply.code(201);
    return userView(deps, res.value, ROLE_ACTIONS[res.value.role]);
  });
  r.post('/api/v1/users/:id/password', { schema: { tags: ['users'], summary: 'Reset a user\'s password (ends the user\'s sessions)', params: IdParams, body: z.strictObject({ password: PasswordSchema }) } }, async (req) => {
    const c = requireAction(req, 'users:manage');
    const res = await deps.userAdmin.resetPassword(c.principal, req.params.id, req.body.password);
    if (!res.ok) throw new ApiError(res.code, res.message);
    return { ok: true };
  });

  r.post('/api/v1/devices/:id/credentials', { schema: { tags: ['devices'], summary: 'Issue a new device secret (shown once; replaces the old one)', params: IdParams, response: { 201: DeviceCredentialIssuedSchema } } }, async (req, reply) => {
    const c = requireAction(req, 'device:provision');
    const res = await deps.deviceAdmin.provision(c.principal, req.params.id);
    if ('error' in res) throw new ApiError(res.error, res.error === 'not_found' ? `no device ${req.params.id} in your scope` : 'you may not provision this device');
    void reply.code(201);
    return { deviceId: req.params.id, secret: res.secret, mqttUsername: req.params.id, telemetryTopic: `heatfleet/v1/devices/${req.params.id}/telemetry` };
  });
  r.delete('/api/v1/devices/:id/credentials', { schema: { tags: ['devices'], summary: 'Revoke a device: its connections close and its secret stops working', params: IdParams } }, async (req) => {
    const c = requireAction(req, 'device:provision');
    const res = await deps.deviceAdmin.revoke(c.principal, req.params.id);
    if ('error' in res) throw new ApiError(res.error, res.error === 'not_found' ? `no device ${req.params.id} in your scope` : 'you may not revoke this device');
    return { ok: true };
  });
}
