import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { localeFrom } from '../i18n/i18n';
import { renderError } from './error-body';

/**
 * Fastify answers a few malformed requests itself, before routing and outside Nest's filters
 * (an undecodable URL, an overlong path parameter), in its own shape and echoing the path.
 * Pass this as the adapter's `frameworkErrors` option so they get the one error body too.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const rendered = renderError(error, localeFrom(request.headers['accept-language']), request.id);
  void reply
    .status(rendered.status)
    .headers({
      ...rendered.headers,
      'x-request-id': request.id,
      'content-type': 'application/json; charset=utf-8',
    })
    .send(rendered.body);
}
