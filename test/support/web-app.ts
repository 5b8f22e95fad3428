import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

const ROOT = join(__dirname, '..', '..');

/**
 * Builds the web app (vite) into a private folder under test-artifacts/ so that test files
 * running at the same time never share a build; pass it to the app as WEB_DIR.
 */
export async function buildWebApp(): Promise<{ dir: string; remove(): void }> {
  const dir = join(
    ROOT,
    'test-artifacts',
    `web-build-${process.pid}-${randomBytes(3).toString('hex')}`,
  );
  mkdirSync(dir, { recursive: true });
  try {
    await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'scripts', 'build-web.mjs'), '--quiet'],
      {
        cwd: ROOT,
        env: { ...process.env, WEB_OUT_DIR: dir, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`the web build failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: err });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[];
}
declare const axe: { run(context: unknown, options: unknown): Promise<AxeResult> };

let axeSource: string | undefined;

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, which the page's
 * Content-Security-Policy does not apply to) and returns its serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    axe.run(document, {
      resultTypes: ['violations'],
      runOnly: ['wcag2a', 'wcag2aa', 'best-practice'],
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}
declare const document: unknown;

interface FocusNode {
  tagName: string;
  id: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
  getClientRects(): { length: number };
}
declare const window: { getComputedStyle(n: FocusNode): { visibility: string } };

/**
 * The controls on the screen that pressing Tab never reaches (none on a screen anyone can use
 * without a pointer): every link, button, field and element made focusable, shown and enabled
 * (a control in a disabled fieldset is disabled too), outside a closed dialog (inside the open
 * one while a modal dialog is shown), must take the focus when Tab is pressed round the page.
 */
export async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const count = await page.evaluate(() => {
    const doc = document as {
      querySelectorAll(s: string): FocusNode[];
      activeElement: { blur?: () => void } | null;
    };
    // marks left by an earlier look at the same page
    for (const n of Array.from(doc.querySelectorAll('[data-kb]'))) delete n.dataset.kb;
    const modal = doc.querySelectorAll('dialog[open]').length > 0;
    const all = Array.from(
      doc.querySelectorAll(
        'a[href], button:not(:disabled), input:not(:disabled):not([type=hidden]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])',
      ),
    ).filter(
      (n) =>
        n.getAttribute('tabindex') !== '-1' &&
        !n.closest('dialog:not([open])') &&
        // an open modal dialog holds the focus: only its own controls count then
        (!modal || !!n.closest('dialog[open]')) &&
        n.getClientRects().length > 0 &&
        window.getComputedStyle(n).visibility !== 'hidden',
    );
    // a group of radio buttons is one stop (its arrows move within it), as browsers do
    const stops = new Map<string, number>();
    all.forEach((n, i) => {
      const group =
        n.getAttribute('type') === 'radio' ? `radio:${n.getAttribute('name')}` : `n:${i}`;
      if (!stops.has(group)) stops.set(group, stops.size);
      n.dataset.kb = String(stops.get(group));
    });
    return stops.size;
  });
  await page.evaluate(() =>
    (document as { activeElement: { blur?: () => void } | null }).activeElement?.blur?.(),
  );
  const reached = new Set<string>();
  // one round may take more presses than there are stops: the browser's own controls (a
  // player's buttons, a summary) take the focus too, and the round starts where a click left it
  for (let i = 0; i < count * 4 + 40 && reached.size < count; i++) {
    await page.keyboard.press('Tab');
    const kb = await page.evaluate(
      () => (document as { activeElement: FocusNode | null }).activeElement?.dataset.kb,
    );
    if (kb !== undefined) reached.add(kb);
  }
  return page.evaluate(
    (seen) => {
      const doc = document as { querySelectorAll(s: string): FocusNode[] };
      return Array.from(doc.querySelectorAll('[data-kb]'))
        .filter((n) => !seen.includes(n.dataset.kb!))
        .map(
          (n) =>
            `${n.tagName.toLowerCase()}#${n.id} "${(n.textContent ?? '').trim().slice(0, 40)}"`,
        );
    },
    [...reached],
  );
}

interface ShownNode {
  textContent: string | null;
  tagName: string;
  className: string;
  getBoundingClientRect(): { right: number };
}
type ShownDocument = {
  querySelector(s: string): ShownNode | null;
  querySelectorAll(s: string): ShownNode[];
  documentElement: { scrollWidth: number; clientWidth: number };
};

/** What sticks out past the right edge of the screen, if anything. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = document as ShownDocument;
    const width = doc.documentElement.clientWidth;
    if (doc.documentElement.scrollWidth <= width) return [];
    return Array.from(doc.querySelectorAll('body *'))
      .filter((n) => n.getBoundingClientRect().right > width + 1)
      .map((n) => `${n.tagName}.${n.className}`);
  });
}

/**
 * The checks of a browser test's screens, whose pictures go to test-artifacts/<folder>/:
 *  step      one step a person looks at: its picture, then no serious or critical axe-core
 *            violation, nothing wider than the phone's screen and every control reached with
 *            the Tab key
 *  waitText  waits until the element (or, with `any`, one of the elements) holds a text; when it
 *            never does, keeps a picture and says what the element showed instead
 */
export function screenChecks(folder: string, defaults: { waitMs: number; any?: boolean }) {
  const shot = (page: Page, name: string) => screenshot(page, `${folder}/${name}`);

  async function step(page: Page, name: string): Promise<void> {
    await shot(page, name);
    const violations = await seriousViolations(page);
    const overflow = await overflowing(page);
    const unreachable = await unreachableByKeyboard(page);
    expect({ step: name, violations, overflow, unreachable }).toEqual({
      step: name,
      violations: [],
      overflow: [],
      unreachable: [],
    });
  }

  async function waitText(
    page: Page,
    selector: string,
    part: string,
    opts: { any?: boolean; timeout?: number } = {},
  ): Promise<void> {
    try {
      await page.waitForFunction(
        ([sel, p, any]) => {
          const doc = document as ShownDocument;
          const nodes = any ? Array.from(doc.querySelectorAll(sel)) : [doc.querySelector(sel)];
          return nodes.some((n) => (n?.textContent ?? '').includes(p));
        },
        [selector, part, opts.any ?? defaults.any ?? false] as const,
        { timeout: opts.timeout ?? defaults.waitMs },
      );
    } catch (err) {
      await shot(page, `failed-wait-${part.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(
        () => undefined,
      );
      const shown = await page
        .evaluate(
          (sel) => (document as ShownDocument).querySelector(sel)?.textContent ?? '(nothing)',
          selector,
        )
        .catch(() => '?');
      throw new Error(
        `"${part}" never appeared in ${selector} (it shows "${shown.trim().slice(0, 300)}")`,
        { cause: err },
      );
    }
  }

  return { shot, step, waitText };
}

declare const location: { hash: string };

/** Signs in through the app's login screen (email or phone) and waits for the contest list. */
export async function logIn(page: Page, baseUrl: string, identifier: string, password: string) {
  await page.goto(`${baseUrl}/app/#/login`);
  await page.fill('#identifier', identifier);
  await page.fill('#password', password);
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => location.hash === '#/contests');
}

/** Waits until exactly `n` elements match the selector. */
export async function waitCount(page: Page, selector: string, n: number, timeout = 60_000) {
  await page.waitForFunction(
    ([sel, k]) => (document as ShownDocument).querySelectorAll(sel).length === k,
    [selector, n] as const,
    { timeout },
  );
}
