import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { BUNDLES, type Bundle, inlinePage } from './build/inline-page.mts';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The API during `npm run web:dev` (the service started with `npm run start:dev`). */
const api = process.env.HOITHI_API ?? 'http://127.0.0.1:3000';
const proxied = [
  '/auth',
  '/contests',
  '/entries',
  '/media',
  '/org-units',
  '/p',
  '/socket.io',
  '/judging',
  '/voting',
  '/control',
  '/audit',
  '/users',
];

/**
 * One build per bundle (scripts/build-web.mjs runs the three): `contestant` (every visitor),
 * `judge` and `organizer`, each a superset of the one before. The service sends the bundle of
 * the signed-in member's role.
 *
 * On slow 3G each request costs 2 s of latency, so a bundle's page carries its whole script and
 * styles inside it (inlinePage: one request, allowed by hashes in the Content-Security-Policy)
 * and starts the first screen's API requests from a small script at the top of the page, while
 * the rest of the page is still arriving. Nothing is split: a screen's lazy import costs no
 * request. tus-js-client and socket.io-client are their own files (their published browser
 * builds), fetched when first needed.
 */
const vendor = (file: string) => fileURLToPath(new URL(`../node_modules/${file}`, import.meta.url));
const bundle = (process.env.HOITHI_BUNDLE ?? 'contestant') as Bundle;
if (!BUNDLES.includes(bundle))
  throw new Error(`HOITHI_BUNDLE must be one of ${BUNDLES.join(', ')}`);

export default defineConfig({
  root,
  base: '/app/',
  define: { __HOITHI_BUNDLE__: JSON.stringify(bundle) },
  resolve: {
    alias: [
      {
        find: '$bundle',
        replacement: fileURLToPath(new URL(`./src/bundles/${bundle}.ts`, import.meta.url)),
      },
      // the libraries' own browser builds, sent as they are published (imported with ?url)
      { find: /^\$vendor\/tus\.js/, replacement: vendor('tus-js-client/dist/tus.min.js') },
      {
        find: /^\$vendor\/socket\.io\.js/,
        replacement: vendor('socket.io-client/dist/socket.io.esm.min.js'),
      },
    ],
  },
  plugins: [
    svelte(),
    inlinePage(bundle),
    // precompressed at build time: the service sends .br or .gz as the browser accepts
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
      threshold: 512,
    }),
  ],
  build: {
    outDir: process.env.WEB_OUT_DIR ?? fileURLToPath(new URL('../dist/web', import.meta.url)),
    // the first of the three builds empties the folder (scripts/build-web.mjs)
    emptyOutDir: process.env.HOITHI_EMPTY_OUT_DIR !== 'false',
    target: 'es2022',
    // no data: URLs (the Content-Security-Policy allows none for scripts)
    assetsInlineLimit: 0,
    modulePreload: false,
    rolldownOptions: { output: { codeSplitting: false } },
  },
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, ws: p === '/socket.io' }])),
  },
});
