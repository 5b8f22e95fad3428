import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The API during `npm run web:dev` (the service started with `npm run start:dev`). */
const api = process.env.HOITHI_API ?? 'http://127.0.0.1:3000';
const proxied = ['/auth', '/contests', '/entries', '/judging', '/media', '/org-units', '/p', '/socket.io'];

/**
 * On a slow link every request costs a round trip (2 s on slow 3G), so the contestant's screens
 * travel as one chunk fetched beside the shell (the router still loads each screen through its
 * own lazy import, answered from that chunk); tus-js-client and socket.io-client are fetched
 * once the entry screen is shown. The judge's and organizer's screens (later issues) will be
 * chunks of their own, fetched when opened.
 */
const SMALL_SCREENS =
  /web\/src\/(routes\/[^/]+\.svelte|components\/[^/]+\.svelte|lib\/(forms|rules|time|upload\.svelte|live)\.ts)|node_modules\/valibot\//;

export default defineConfig({
  root,
  base: '/app/',
  plugins: [
    svelte(),
    // precompressed at build time: the service sends .br or .gz as the browser accepts
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
      threshold: 512,
    }),
  ],
  build: {
    outDir: process.env.WEB_OUT_DIR ?? fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // no inline scripts or data: URLs (the Content-Security-Policy allows neither)
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'screens', test: SMALL_SCREENS }] } },
    },
  },
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, ws: p === '/socket.io' }])),
  },
});
