#!/usr/bin/env node
/**
 * npm run web:build — builds the web app's three bundles (contestant, judge, organizer) with
 * vite, one after the other, into WEB_OUT_DIR (default dist/web): each a page with its script
 * and styles inside (<bundle>.html) beside the shared files (assets/). See web/vite.config.mts.
 */
import { build } from 'vite';

const BUNDLES = ['contestant', 'judge', 'organizer'];
const configFile = new URL('../web/vite.config.mts', import.meta.url).pathname;
const logLevel = process.argv.includes('--quiet') ? 'error' : 'warn';

for (const [i, bundle] of BUNDLES.entries()) {
  process.env.HOITHI_BUNDLE = bundle;
  process.env.HOITHI_EMPTY_OUT_DIR = i === 0 ? 'true' : 'false';
  await build({ configFile, logLevel });
}
