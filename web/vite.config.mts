import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The API during `npm run web:dev` (the service started with `npm run start:dev`). */
const api = process.env.HOITHI_API ?? 'http://127.0.0.1:3000';
const proxied = ['/auth', '/contests', '/entries', '/media', '/org-units', '/p', '/socket.io'];

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
  },
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, ws: p === '/socket.io' }])),
  },
});
