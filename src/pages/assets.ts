import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The pages' own files: next to the compiled code (the build copies them), or in the sources
 * of an enclosing folder (tests, development, a build into another folder).
 */
function assetsDir(): string {
  const tried: string[] = [];
  for (let dir = __dirname; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'assets'), join(dir, 'src', 'pages', 'assets')]) {
      if (existsSync(join(candidate, 'live.js'))) return candidate;
      tried.push(candidate);
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`page assets not found in ${tried.slice(0, 4).join(', ')}…`);
}

export function readAsset(name: string): string {
  return readFileSync(join(assetsDir(), name), 'utf8');
}

/** socket.io's browser client, served from the application (no external CDN). */
export function readSocketClient(): string {
  const pkg = require.resolve('socket.io-client/package.json');
  return readFileSync(join(dirname(pkg), 'dist', 'socket.io.min.js'), 'utf8');
}

/** A response body with its gzip and brotli forms, computed once. */
export class Compressed {
  readonly raw: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;

  constructor(
    body: string | Buffer,
    readonly type: string,
  ) {
    this.raw = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    this.gzip = gzipSync(this.raw, { level: 9 });
    this.br = brotliCompressSync(this.raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    });
    this.etag = `"${createHash('sha256').update(this.raw).digest('base64url').slice(0, 16)}"`;
  }

  /** The best form the client accepts. */
  pick(acceptEncoding: string | undefined): { body: Buffer; encoding: string | null } {
    const accept = (acceptEncoding ?? '').toLowerCase();
    if (/\bbr\b/.test(accept)) return { body: this.br, encoding: 'br' };
    if (/\bgzip\b/.test(accept)) return { body: this.gzip, encoding: 'gzip' };
    return { body: this.raw, encoding: null };
  }
}

/** Compresses a page rendered for one request (small: a fast brotli level is enough). */
export function compressNow(
  body: string,
  acceptEncoding: string | undefined,
): { body: Buffer; encoding: string | null } {
  const raw = Buffer.from(body, 'utf8');
  const accept = (acceptEncoding ?? '').toLowerCase();
  if (raw.length < 1024) return { body: raw, encoding: null };
  if (/\bbr\b/.test(accept))
    return {
      body: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
      encoding: 'br',
    };
  if (/\bgzip\b/.test(accept)) return { body: gzipSync(raw, { level: 6 }), encoding: 'gzip' };
  return { body: raw, encoding: null };
}
