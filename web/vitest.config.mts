import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The web app's component tests (web/src/**\/*.test.ts): each component mounted alone in real
 * Chromium (Debian's, through Vitest's browser mode), with the API client mocked and data from
 * factories (web/src/test/factories.ts). Run by `npm test` (test/web-components.e2e-spec.ts) or
 * alone with `npm run test:web`.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root,
  plugins: [svelte()],
  define: { __HOITHI_BUNDLE__: JSON.stringify('contestant') },
  resolve: {
    alias: {
      $bundle: fileURLToPath(new URL('./src/bundles/contestant.ts', import.meta.url)),
    },
  },
  // Every package the components import, bundled once before the first test: one found later
  // makes Vite bundle again mid-run, and a page then holds two copies of Svelte's runtime (the
  // tests fail with effect_orphan or an iframe that never becomes ready), as in a fresh clone.
  optimizeDeps: {
    include: [
      'axe-core',
      'i18next',
      'idb-keyval',
      'openapi-fetch',
      'svelte-spa-router',
      'svelte-spa-router/wrap',
      'valibot',
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        },
        contextOptions: { locale: 'vi-VN', viewport: { width: 360, height: 740 } },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
