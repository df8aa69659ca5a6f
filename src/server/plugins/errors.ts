import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../http/errors.js';
import { localeOf, translate } from '../http/i18n.js';
import { localizeIssue } from '#shared/validation';

type Detail = { path: string; message: string };

/** node-postgres and PGlite both put the SQLSTATE in `code`. */
function databaseError(error: unknown): AppError | null {
  const code = (error as { code?: unknown })?.code;
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : typeof cause === 'string' ? cause : null;
  switch (sqlState) {
    case '23505':
      return new AppError(409, 'duplicate');
    case '23503':
      return new AppError(409, 'in_use');
    case '22021':
      // A NUL character in text: PostgreSQL cannot store it, and JSON lets a client send it.
      return new AppError(400, 'invalid_characters');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError(400, 'bad_request');
    default:
      return null;
  }
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, code: string, details?: Detail[], values?: Record<string, string | number>) {
  const locale = localeOf(request);
  const translatedDetails = details?.map((d) => {
    const text = translate(locale, `errors.${d.message}`);
    return { path: d.path, message: text === `errors.${d.message}` ? d.message : text };
  });
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message: translate(locale, `errors.${code}`, values), ...(translatedDetails ? { details: translatedDetails } : {}) } });
}

const fastifyCodes: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'csrf_invalid' },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'csrf_invalid' },
};

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return send(request, reply, error.statusCode, error.code, error.details, error.values);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const locale = localeOf(request);
      const details = error.validation.map((issue) => ({
        path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: localizeIssue({ code: issue.keyword, message: issue.message, ...issue.params }, locale, (key) => {
          const text = translate(locale, key);
          return text === key ? undefined : text;
        }),
      }));
      return send(request, reply, 400, 'validation_failed', details);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause?.issues }, 'response did not match its schema');
      return send(request, reply, 500, 'internal');
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return send(request, reply, known.status, known.code);
    const fromDatabase = databaseError(error);
    if (fromDatabase) return send(request, reply, fromDatabase.statusCode, fromDatabase.code);
    if (error.statusCode === 429) return send(request, reply, 429, 'rate_limited');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(request, reply, error.statusCode, error.statusCode === 413 ? 'payload_too_large' : 'bad_request');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 500, 'internal');
  });

  app.setNotFoundHandler((request, reply) => send(request, reply, 404, 'route_not_found'));
}
