import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessCookie } from '../auth/session-cookies';
import { type Bundle, bundleOf, loadPages, roleOfToken, type WebPage } from './web-pages';

/** Where the web app lives under the service. */
export const WEB_PREFIX = '/app/';

/**
 * The policy of the web app's files (its pages have their own: web-pages.ts `pagePolicy`):
 * everything only from this service.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const YEAR = 'public, max-age=31536000, immutable';

/** Headers of one file: hashed assets are kept a year, anything else asked for again each time. */
function fileHeaders(reply: FastifyReply, path: string): void {
  const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/.test(path);
  void reply.header('cache-control', hashed ? YEAR : 'no-cache');
  void reply.header('content-security-policy', WEB_CSP);
}

/** The encodings this request accepts (q=0 refuses one), best first. */
function encodingsAccepted(header: string | undefined): ('br' | 'gzip')[] {
  const accepted = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (q === undefined || Number(q) > 0) accepted.add(name.trim());
  }
  return (['br', 'gzip'] as const).filter((e) => accepted.has(e));
}

/**
 * Sends the page of the bundle for the signed-in member's role (read from the access cookie;
 * anyone else gets the contestant's): precompressed as the browser accepts, never cached without
 * asking again, with the page's own Content-Security-Policy.
 */
function sendPage(pages: Map<Bundle, WebPage>, req: FastifyRequest, reply: FastifyReply): void {
  const page = pages.get(bundleOf(roleOfToken(accessCookie(req))))!;
  const encoding =
    encodingsAccepted(req.headers['accept-encoding']).find((e) => page.bodies[e]) ?? 'identity';
  const tag = page.etags[encoding]!;
  void reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('vary', 'Accept-Encoding, Cookie')
    .header('etag', tag)
    .header('content-security-policy', page.csp);
  if (encoding !== 'identity') void reply.header('content-encoding', encoding);
  if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(tag)) {
    void reply.code(304).send();
    return;
  }
  void reply.send(page.bodies[encoding]);
}

/**
 * Serves the built web app: the pages of its bundles (scripts/build-web.mjs) for /app/ and any
 * other path under it that is not a file (the app's own routes), never for the API's paths; and
 * its files (assets/, hashed, with .br and .gz beside them) with @fastify/static. Returns false
 * when there is no build.
 */
export function serveWebApp(fastify: FastifyInstance, dir: string): boolean {
  const pages = loadPages(dir);
  if (!pages) return false;
  void fastify.register((scope, _opts, done) => {
    void scope.register(fastifyStatic, {
      root: dir,
      prefix: WEB_PREFIX,
      wildcard: false,
      preCompressed: true,
      index: false,
      redirect: false,
      cacheControl: false,
      etag: true,
      lastModified: false,
      dotfiles: 'deny',
      decorateReply: false,
      globIgnore: ['**/*.br', '**/*.gz', '**/*.html'],
      setHeaders: fileHeaders,
    });
    scope.get(WEB_PREFIX.slice(0, -1), (_req, reply: FastifyReply) => {
      void reply.redirect(WEB_PREFIX, 301);
    });
    scope.get(WEB_PREFIX, (req, reply: FastifyReply) => sendPage(pages, req, reply));
    // the app's routes (not files): its page; a missing asset stays a 404
    scope.get(`${WEB_PREFIX}*`, (req, reply: FastifyReply) => {
      const rest = (req.params as { '*': string })['*'];
      if (rest.startsWith('assets/') || /\.[a-z0-9]{1,5}$/i.test(rest)) {
        void reply.code(404).type('text/plain; charset=utf-8').send('Not found');
        return;
      }
      sendPage(pages, req, reply);
    });
    done();
  });
  return true;
}
