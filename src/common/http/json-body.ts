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

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The key that makes a parsed body a prototype-pollution attempt (`__proto__`, or
 * `constructor.prototype`), at any depth; null when there is none. Iterative, like the above.
 */
export function forbiddenJsonKey(value: unknown): '__proto__' | 'constructor.prototype' | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (hasOwn(node, '__proto__')) return '__proto__';
    if (hasOwn(node, 'constructor')) {
      const ctor = (node as { constructor: unknown }).constructor;
      if (ctor !== null && typeof ctor === 'object' && hasOwn(ctor, 'prototype')) {
        return 'constructor.prototype';
      }
    }
    for (const child of Object.values(node as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return null;
}

/** Why the strict parser refused a body: a forbidden key, or plain bad syntax. */
function diagnose(text: string): AppError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return AppError.badRequest('common.malformed_json');
  }
  const key = forbiddenJsonKey(value);
  return key
    ? AppError.badRequest('common.forbidden_key', { key })
    : AppError.badRequest('common.malformed_json');
}

/**
 * JSON bodies: Fastify's parser (which refuses `__proto__` and `constructor.prototype` keys),
 * then a depth limit, so a 10,000-deep body is refused before validation walks it.
 */
export function registerJsonParser(fastify: FastifyInstance, maxDepth: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  // the API reads JSON only: text bodies are refused with 415 rather than validated as strings
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // the default parser refuses an empty body; an empty body on a JSON request means "none"
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    void parse(request, text, (err, value) => {
      // Fastify reports every refusal as invalid JSON; tell a forbidden key apart
      if (err) return done(diagnose(text), undefined);
      if (jsonDepthExceeds(value, maxDepth)) {
        return done(AppError.badRequest('common.json_too_deep', { max: maxDepth }), undefined);
      }
      done(null, value);
    });
  });
}
