import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The web app's bundles (scripts/build-web.mjs builds each into `<bundle>.html`). */
export const BUNDLES = ['contestant', 'judge', 'organizer'] as const;
export type Bundle = (typeof BUNDLES)[number];

/**
 * The bundle a member of this role gets: organizers and administrators every screen, judges
 * theirs and the contestant's, everyone else (signed out included) the contestant's. The same
 * rule as `bundleOf` in web/src/lib/session.svelte.ts.
 */
export function bundleOf(role: unknown): Bundle {
  if (role === 'organizer' || role === 'admin') return 'organizer';
  return role === 'judge' ? 'judge' : 'contestant';
}

/**
 * The role an access token names, read without checking its signature: it only chooses which
 * screens' code is sent (all of it public); every answer with data checks the token itself.
 */
export function roleOfToken(token: string | undefined): unknown {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { role?: unknown })
      .role;
  } catch {
    return undefined;
  }
}

/** One bundle's page as sent: its encodings, their tags, and the policy that admits it. */
export interface WebPage {
  bodies: { identity: Buffer; br?: Buffer; gzip?: Buffer };
  etags: { identity: string; br?: string; gzip?: string };
  csp: string;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The web app's policy for one page: scripts, styles and everything else only from this service
 * (nothing from elsewhere), plus exactly the script and style elements inside the page, named by
 * their SHA-256 (no other inline script or style, no style attribute); pictures and clips may
 * also be local previews (blob:) of a file being chosen; sockets to this service.
 */
export function pagePolicy(html: string): string {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) =>
    sha256(m[1]),
  );
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scripts].join(' '),
    ['style-src', "'self'", ...styles].join(' '),
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const etag = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** The built pages in `dir`, or null when the web app was not built there. */
export function loadPages(dir: string): Map<Bundle, WebPage> | null {
  if (!BUNDLES.every((b) => existsSync(join(dir, `${b}.html`)))) return null;
  const pages = new Map<Bundle, WebPage>();
  for (const bundle of BUNDLES) {
    const file = join(dir, `${bundle}.html`);
    const identity = readFileSync(file);
    const read = (ext: string) => (existsSync(file + ext) ? readFileSync(file + ext) : undefined);
    const br = read('.br');
    const gzip = read('.gz');
    pages.set(bundle, {
      bodies: { identity, br, gzip },
      etags: {
        identity: etag(identity),
        br: br && etag(br),
        gzip: gzip && etag(gzip),
      },
      csp: pagePolicy(identity.toString('utf8')),
    });
  }
  return pages;
}
