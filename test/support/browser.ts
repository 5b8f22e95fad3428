import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/**
 * Debian's Chromium through playwright-core, headless, with no network of its own (no QUIC,
 * no background or component updates); each launch gets a fresh temporary profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A phone-sized, Vietnamese browser context (its own storage: another "phone"): 360 px wide,
 * the narrowest common Android screen.
 */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'vi-VN',
    deviceScaleFactor: 1,
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Chrome DevTools' "Slow 3G": 2 s of added latency, ~400 kbit/s each way. */
export const SLOW_3G = {
  offline: false,
  latency: 2000,
  downloadThroughput: ((500 * 1024) / 8) * 0.8,
  uploadThroughput: ((500 * 1024) / 8) * 0.8,
};

export async function emulateSlow3g(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
}

/**
 * A person's moment before tapping, counted from now on the page's own clock: a vote sooner than
 * VOTE_MIN_HUMAN_MS after the page got its voter token is held as a bot's. Counting from the
 * page's start instead lets a page that loaded slowly (a busy machine) tap at once after it.
 */
export async function aHumanMoment(page: Page, ms = 1200): Promise<void> {
  const from = await page.evaluate(() => performance.now());
  await page.waitForFunction((until) => performance.now() > until, from + ms);
}
