import { isIP } from 'node:net';

/**
 * The client's address as a trusting reverse proxy reports it: the first (leftmost) address of
 * `X-Forwarded-For`, as Fastify's `trustProxy: true` takes it for HTTP requests. Undefined when
 * the header is absent or its first item is not an IP address (the caller keeps the socket's own).
 */
export function forwardedClientAddress(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const comma = value.indexOf(',');
  const first = (comma < 0 ? value : value.slice(0, comma)).trim();
  return isIP(first) ? first : undefined;
}
