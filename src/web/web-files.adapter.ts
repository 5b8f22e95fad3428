import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the web app lives under the service. */
export const WEB_PREFIX = '/app/';

/**
 * The web app's policy: scripts, styles and everything else only from this service (no inline
 * script or style, nothing from elsewhere); pictures and clips may also be local previews
 * (blob:) of a file being chosen; sockets to this service.
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

/** Headers of one file: hashed assets are kept a year; the page is asked for again each time. */
function fileHeaders(reply: FastifyReply, path: string): void {
  const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/.test(path);
  void reply.header('cache-control', hashed ? YEAR : 'no-cache');
  void reply.header('content-security-policy', WEB_CSP);
}

/**
 * Serves the built web app (vite's output: hashed files with .br and .gz beside them) with
 * @fastify/static: the precompressed file the browser accepts, and index.html for any other
 * path under /app/ that is not a file (the app's own routes), never for the API's paths.
 * Returns false when there is no build.
 */
export function serveWebApp(fastify: FastifyInstance, dir: string): boolean {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile);
  void fastify.register((scope, _opts, done) => {
    void scope.register(fastifyStatic, {
      root: dir,
      prefix: WEB_PREFIX,
      wildcard: false,
      preCompressed: true,
      index: ['index.html'],
      redirect: true,
      cacheControl: false,
      etag: true,
      lastModified: false,
      dotfiles: 'deny',
      decorateReply: false,
      globIgnore: ['**/*.br', '**/*.gz'],
      setHeaders: fileHeaders,
    });
    // the app's routes (not files): its page; a missing asset stays a 404
    scope.get(`${WEB_PREFIX}*`, (req, reply: FastifyReply) => {
      const rest = (req.params as { '*': string })['*'];
      if (rest.startsWith('assets/') || /\.[a-z0-9]{1,5}$/i.test(rest)) {
        void reply.code(404).type('text/plain; charset=utf-8').send('Not found');
        return;
      }
      void reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', WEB_CSP)
        .send(index);
    });
    done();
  });
  return true;
}
