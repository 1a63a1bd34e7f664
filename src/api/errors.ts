/**
 * Expected failures are values; this module maps them to HTTP at the edge, keeping `cause`.
 * Every error body is `{ error: { code, message, issues? } }` (src/contract/api.ts).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode } from '../contract/api.js';
import type { ApiErrorTextCode } from '../contract/texts/error-texts.js';
import { listParam, textRef, type TextParam, type TextRef } from '../contract/texts/render-text.js';

/** `message` as a code of API_ERROR_TEXTS with its parameters (docs/i18n.md): the dashboard words it in zh-CN. */
export const errorText = (code: ApiErrorTextCode, params: Readonly<Record<string, TextParam>> = {}): TextRef => textRef(code, params);

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  locked: 423,
  internal: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    options?: { cause?: unknown; text?: TextRef | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.text = options?.text;
  }
  readonly text: TextRef | undefined;
}

export const body = (code: ErrorCode, message: string, issues?: { path: string; message: string }[], text?: TextRef): ErrorBody => ({
  error: { code, message, ...(issues ? { issues } : {}), ...(text ? { text } : {}) },
});

export function errorHandler(err: FastifyError | ApiError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof ApiError) {
    void reply.code(HTTP_STATUS[err.code]).send(body(err.code, err.message, err.issues, err.text));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({ path: `${err.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.'), message: v.message ?? 'invalid' }));
    void reply.code(400).send(body('bad_request', `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues, errorText('invalid-request', { fields: listParam(issues.map((i) => i.path)) })));
    return;
  }
  const fe = err as FastifyError;
  const status = fe.statusCode ?? 500;
  if (status === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    void reply.code(413).send(body('too_large', 'request body too large', undefined, errorText('too-large')));
    return;
  }
  if (status === 429) {
    void reply.code(429).send(body('rate_limited', fe.message || 'too many requests', undefined, errorText('rate-limited')));
    return;
  }
  if (status >= 400 && status < 500) {
    void reply.code(status).send(body(status === 404 ? 'not_found' : status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'bad_request', fe.message));
    return;
  }
  req.log.error({ err }, 'unhandled error');
  void reply.code(500).send(body('internal', 'internal error', undefined, errorText('internal')));
}
