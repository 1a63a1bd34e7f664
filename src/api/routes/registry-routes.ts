import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REGISTRY_KINDS } from '../../domain/registry.js';
import type { RegistryImportResult } from '../../app/registry-admin.js';
import { requireAction } from '../auth-hook.js';
import type { ApiDeps } from '../deps.js';

const ImportBodySchema = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(200), contentBase64: z.string().max(30_000_000) }))
    .min(1)
    .max(20),
  dryRun: z.boolean().default(false),
});
const ImportErrorSchema = z.object({ file: z.string(), sheet: z.string().optional(), row: z.number(), column: z.string().nullable(), reason: z.string() });
const ImportResultSchema = z.object({ ok: z.boolean(), refusal: z.enum(['invalid', 'forbidden']).optional(), dryRun: z.boolean().optional(), counts: z.record(z.string(), z.number()).optional(), errors: z.array(ImportErrorSchema).optional(), errorCount: z.number().optional() });

export function registryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const send = (reply: { code(n: number): unknown }, res: RegistryImportResult) => {
    if (!res.ok) reply.code(res.refusal === 'forbidden' ? 403 : 422);
    return res;
  };
  r.get('/api/v1/registry/export', { schema: { tags: ['registry'], summary: 'Download the part of the registry you may see (json, xlsx, or csv bundled as JSON of files)', querystring: z.object({ format: z.enum(['json', 'xlsx', 'csv']).default('json') }) } }, async (req, reply) => {
    const c = requireAction(req, 'registry:export');
    const files = await deps.registryAdmin.export(c.principal, req.query.format);
    const first = files[0];
    if (req.query.format !== 'csv' && first && files.length === 1) {
      const type = req.query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/json; charset=utf-8';
      return reply.header('content-type', type).header('content-disposition', `attachment; filename="${first.name}"`).send(Buffer.from(first.bytes));
    }
    return { files: files.map((f) => ({ name: f.name, content: Buffer.from(f.bytes).toString('utf8') })) };
  });
  r.post('/api/v1/registry/import', { schema: { tags: ['registry'], summary: 'Import JSON/XLSX/CSV files: all rows valid and yours, or nothing is written', body: ImportBodySchema, response: { 200: ImportResultSchema, 422: ImportResultSchema } }, bodyLimit: 40_000_000 }, async (req, reply) => {
    const c = requireAction(req, 'registry:import');
    const files = req.body.files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.contentBase64, 'base64')) }));
    return send(reply, await deps.registryAdmin.import(c.principal, files, req.body.dryRun));
  });
  r.get('/api/v1/registry/:kind', { schema: { tags: ['registry'], summary: 'Registry entities of one kind in your scope', params: z.object({ kind: z.enum(REGISTRY_KINDS) }) } }, async (req) => {
    const c = requireAction(req, 'fleet:read');
    return { items: deps.registryAdmin.list(c.principal, req.params.kind) };
  });
  r.put('/api/v1/registry/:kind', { schema: { tags: ['registry'], summary: 'Create or replace entities of one kind (validated, referenced ids checked, authorised per entity)', params: z.object({ kind: z.enum(REGISTRY_KINDS) }), body: z.strictObject({ items: z.array(z.unknown()).min(1).max(10_000) }), response: { 200: ImportResultSchema, 422: ImportResultSchema } } }, async (req, reply) => {
    const c = requireAction(req, 'registry:write');
    return send(reply, await deps.registryAdmin.upsert(c.principal, req.params.kind, req.body.items));
  });
}
