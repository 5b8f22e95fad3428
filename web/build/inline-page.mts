import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const BUNDLES = ['contestant', 'judge', 'organizer'] as const;
export type Bundle = (typeof BUNDLES)[number];

/** The script that starts the first screen's API requests (plain JavaScript, sent as it is). */
const EARLY = readFileSync(new URL('../src/early-fetch.js', import.meta.url), 'utf8').trim();

/** Text safe inside <script> or <style>: nothing in it can end the element or open a comment. */
function inert(code: string): string {
  return code.replace(/<\/(script|style)/gi, (_m, tag: string) => `<\\/${tag}`).replace(/<!--/g, () => '<\\!--');
}

/**
 * Makes the bundle's page self-contained: its script and its styles go inside the page (one
 * request instead of two round trips on a slow link), the early-fetch script first in <head>,
 * and the page is written as `<bundle>.html` with its brotli and gzip copies. The service allows
 * these inline elements by their SHA-256 in the page's Content-Security-Policy
 * (src/web/web-pages.ts), computed from the file it sends.
 *
 * It works on the written files (closeBundle), once vite has finished the script (its preload
 * markers are replaced last, in the same step as the compression of the other files).
 */
export function inlinePage(bundle: Bundle): Plugin {
  let outDir = '';
  return {
    name: 'hoithi-inline-page',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace('<head>', () => `<head>\n    <script>${inert(EARLY)}</script>`),
    },
    closeBundle() {
      const index = join(outDir, 'index.html');
      if (!existsSync(index)) return;
      const inlined: string[] = [index];
      const take = (file: string): string => {
        const path = join(outDir, file);
        inlined.push(path);
        return readFileSync(path, 'utf8');
      };
      const html = readFileSync(index, 'utf8')
        .replace(/<link rel="modulepreload"[^>]*>\s*/g, () => '')
        .replace(
          /<script type="module" crossorigin src="\/app\/(assets\/[^"]+\.js)"><\/script>/g,
          (_m, file: string) => `<script type="module">${inert(take(file))}</script>`,
        )
        .replace(
          /<link rel="stylesheet" crossorigin href="\/app\/(assets\/[^"]+\.css)">/g,
          (_m, file: string) => `<style>${inert(take(file))}</style>`,
        )
        .replace('<html lang="vi">', () => `<html lang="vi" data-bundle="${bundle}">`);
      if (/<script[^>]+src=|<link rel="(stylesheet|modulepreload)"/.test(html))
        throw new Error('inline-page: the page still loads a script or styles from a file');
      for (const path of inlined)
        for (const copy of [path, `${path}.br`, `${path}.gz`]) rmSync(copy, { force: true });
      const page = join(outDir, `${bundle}.html`);
      writeFileSync(page, html);
      writeFileSync(
        `${page}.br`,
        brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      writeFileSync(`${page}.gz`, gzipSync(html, { level: 9 }));
    },
  };
}
