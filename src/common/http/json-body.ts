import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error';

/** Iterative, so a hostile body cannot blow the stack while being measured. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * JSON bodies: Fastify's parser (which refuses `__proto__` and `constructor.prototype` keys),
 * then a depth limit, so a 10,000-deep body is refused before validation walks it.
 */
export function registerJsonParser(fastify: FastifyInstance, maxDepth: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // the default parser refuses an empty body; an empty body on a JSON request means "none"
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parse(request, text, (err, value) => {
      if (err) return done(err, undefined);
      if (jsonDepthExceeds(value, maxDepth)) {
        return done(AppError.badRequest('common.json_too_deep', { max: maxDepth }), undefined);
      }
      done(null, value);
    });
  });
}
