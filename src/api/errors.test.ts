/**
 * Error bodies carry their English message for API clients and the same as a code of API_ERROR_TEXTS, so the
 * dashboard words a refusal in zh-CN (real Fastify with the zod type provider, in process).
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBodySchema } from '../contract/api.js';
import { API_ERROR_TEXTS } from '../contract/texts/error-texts.js';
import { renderText } from '../contract/texts/render-text.js';
import { ApiError, errorHandler, errorText } from './errors.js';

describe('error bodies with text codes', () => {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(errorHandler);
    app.post('/override', { schema: { body: z.object({ setpointC: z.number().min(5).max(30), siteId: z.string().min(1) }) } }, () => ({ ok: true }));
    app.get('/sites/:id', (req) => { throw new ApiError('not_found', `no site ${(req.params as { id: string }).id} in your scope`, undefined, { text: errorText('not-in-scope', { kind: 'site', id: (req.params as { id: string }).id }) }); });
    app.get('/plain', () => { throw new ApiError('conflict', 'something only in English'); });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('a refused body names the fields in the code\'s parameters, and reads in Chinese', async () => {
    const res = await app.inject({ method: 'POST', url: '/override', payload: { setpointC: 50, siteId: '' } });
    expect(res.statusCode).toBe(400);
    const err = ErrorBodySchema.parse(res.json()).error;
    expect(err.message).toMatch(/^invalid request: /);
    expect(err.text?.code).toBe('invalid-request');
    if (!err.text) throw new Error('no text');
    expect(renderText(API_ERROR_TEXTS, err.text, 'zh-CN')).toBe('请求内容有误，请检查：body.setpointC、body.siteId');
    expect(renderText(API_ERROR_TEXTS, err.text, 'en')).toBe('invalid request: body.setpointC, body.siteId');
  });

  it('"not in your scope" keeps its English message and words the kind of thing in Chinese', async () => {
    const err = ErrorBodySchema.parse((await app.inject({ method: 'GET', url: '/sites/yq-h009' })).json()).error;
    expect(err.message).toBe('no site yq-h009 in your scope');
    if (!err.text) throw new Error('no text');
    expect(renderText(API_ERROR_TEXTS, err.text, 'en')).toBe(err.message);
    expect(renderText(API_ERROR_TEXTS, err.text, 'zh-CN')).toBe('您的权限范围内没有用户 yq-h009');
  });

  it('an error without a code has no text (the dashboard shows the English message)', async () => {
    const err = ErrorBodySchema.parse((await app.inject({ method: 'GET', url: '/plain' })).json()).error;
    expect(err).toEqual({ code: 'conflict', message: 'something only in English' });
  });
});
