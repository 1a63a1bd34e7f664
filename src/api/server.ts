/**
 * The HTTP adapter: Fastify with zod schemas at the edge, OpenAPI at /docs, security headers, rate
 * limits, body limits, and the dashboard served from its build directory.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../app/json-depth.js';
import type { ApiDeps } from './deps.js';
import { registerAuthHook } from './auth-hook.js';
import { body, errorHandler } from './errors.js';
import { adminRoutes } from './routes/admin-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { contractRoutes } from './routes/contract-routes.js';
import { dispatchRoutes } from './routes/dispatch-routes.js';
import { fleetRoutes } from './routes/fleet-routes.js';
import { modelRoutes } from './routes/model-routes.js';
import { drRoutes } from './routes/dr-routes.js';
import { liveRoutes } from './routes/live-routes.js';
import { opsRoutes } from './routes/ops-routes.js';
import { registryRoutes } from './routes/registry-routes.js';
import { seasonRoutes } from './routes/season-routes.js';
import { telemetryRoutes } from './routes/telemetry-routes.js';
import { securityHeaders } from './security-headers.js';
import { httpMetrics } from './http-metrics.js';

export async function buildApiServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines are noise at info level: the HTTP layer logs warnings and errors only.
    // (never louder than the platform's own level: `silent` stays silent)
    loggerInstance: deps.logger.child({ component: 'http' }, { level: deps.logger.levelVal > 40 ? deps.logger.level : 'warn' }) as unknown as FastifyBaseLogger,
    bodyLimit: deps.options.bodyLimitBytes,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Fastify's JSON parser (with its prototype-poisoning checks), behind a nesting-depth guard.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, text: string, done) => {
    if (jsonTooDeep(text)) return done(Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 }), undefined);
    parseJson(req, text, done);
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    max: deps.options.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.caller ? `user:${req.caller.user.id}` : req.device ? `device:${req.device.id}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, ...body('rate_limited', `rate limit of ${ctx.max} requests per minute exceeded; retry in ${Math.ceil(ctx.ttl / 1000)} s`) }),
    hook: 'preHandler',
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'heatfleet API', version: '1', description: 'Household heating, central management. Log in (cookie + x-csrf-token) or send `Authorization: Bearer <API token>`; devices post telemetry with HTTP Basic.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hf_session' }, token: { type: 'http', scheme: 'bearer' }, device: { type: 'http', scheme: 'basic' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  securityHeaders(app);
  httpMetrics(app, deps.metrics);
  registerAuthHook(app, deps);
  authRoutes(app, deps);
  fleetRoutes(app, deps);
  modelRoutes(app, deps);
  drRoutes(app, deps);
  seasonRoutes(app, deps);
  liveRoutes(app, deps);
  registryRoutes(app, deps);
  adminRoutes(app, deps);
  telemetryRoutes(app, deps);
  opsRoutes(app, deps);
  dispatchRoutes(app, deps);
  contractRoutes(app, deps);

  const webDir = deps.options.webDir;
  const hasWeb = webDir !== null && existsSync(join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') return reply.code(404).send(body('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
    return reply.sendFile('index.html'); // the dashboard's client-side routes
  });
  return app;
}
