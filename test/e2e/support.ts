import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Persona } from '../../dev/host/host';
import { ROOT } from '../support/host';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

export { startApp, type RunningApp } from '../../dev/tools/start-app';

/**
 * For startApp, in files that need a scan's result but do not watch one run: the app paces its
 * scan's Jira calls at 400 a second instead of 80 (a Forge environment variable), about 2.5 s
 * instead of 6 on the demo site.
 */
export const QUICK_SCANS = { SCAN_REQUESTS_PER_SECOND: '400' } as const;

/**
 * A test file's browser: Debian's Chromium, headless, and one browser context that the file's pages
 * share. A page in a context that already loaded the app costs about half the CPU of a page in a
 * fresh one (its renderer has the app's scripts compiled), and on two cores the end-to-end tests are
 * bound by Chromium's CPU. Tests stay apart: every test opens its own pages, the app keeps its state
 * per page (sessionStorage) and nothing in the context (openPage checks that).
 */
export interface TestBrowser {
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the file's browser. A missing browser fails the run (never skips): CI installs it. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run apt-get install -y chromium (CI's .ci/run does).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext();
  return {
    async newPage(options = {}) {
      const page = await context.newPage();
      if (options.viewport) await page.setViewportSize(options.viewport);
      return page;
    },
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

/**
 * Fails when the app has started to keep state in the browser context (cookies, local storage,
 * IndexedDB): the pages of a file share one context, which is only as good as separate contexts
 * while the app keeps nothing there.
 */
export async function expectNothingKept(page: Page): Promise<void> {
  const kept = await page.evaluate(async () => ({ cookies: document.cookie, localStorage: localStorage.length, indexedDB: (await indexedDB.databases()).length }));
  if (kept.cookies !== '' || kept.localStorage > 0 || kept.indexedDB > 0) {
    throw new Error(`The app now keeps state in the browser (${JSON.stringify(kept)}): give each test its own browser context in test/e2e/support.ts launchBrowser.`);
  }
}

/** POSTs JSON to the running host as a tool would (the host refuses a body that is not declared JSON). */
export function postJson(baseUrl: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The n-th persona of a role, from GET /dev/personas. */
export function personaOf(personas: Persona[], role: Persona['role'], n = 0): Persona {
  const p = personas.filter((x) => x.role === role)[n];
  if (!p) throw new Error(`no ${role} persona`);
  return p;
}

/** A page of the running app and what went wrong in it so far. */
export interface OpenedPage {
  page: Page;
  /** Page errors, console errors and failed loads. */
  errors: string[];
}

/** Opens a page of the running app, collecting page errors, console errors and failed loads. */
export async function openPage(browser: TestBrowser, baseUrl: string, path: string, viewport = { width: 1280, height: 800 }): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(`${baseUrl}${path}`);
  await expectNothingKept(page);
  return { page, errors };
}

/**
 * Loads another address in an open page, with an empty error list: a test that looks at many views
 * (axe-core, a rule on every view) loads them all in one page, whose renderer has the app compiled.
 */
export async function reopen(opened: OpenedPage, baseUrl: string, path: string): Promise<void> {
  opened.errors.length = 0;
  await opened.page.goto(`${baseUrl}${path}`);
}

/**
 * Waits until the page is still: no resolver call unanswered (the local host's bridge counts them),
 * nothing marked aria-busy, no animation or transition running. For a screenshot or axe-core's
 * contrast rules, which would otherwise see a view half drawn or half faded in.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { __forgeHost: { pending: number } }).__forgeHost.pending === 0 && !document.querySelector('[aria-busy="true"]') && document.getAnimations().every((a) => a.playState !== 'running'),
    undefined,
    { timeout: 30_000 },
  );
}

/** An axe-core finding of impact serious or critical: rule, impact and where. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (the npm package, injected into the page) over the page or one part of it and
 * answers its serious and critical violations (WCAG 2.x A and AA rules).
 */
export async function axeViolations(page: Page, selector?: string): Promise<AxeFinding[]> {
  // Evaluated through the debugging protocol, which the page's content security policy does not block.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const script = `(async () => {
    const context = ${JSON.stringify(selector ?? null)} ?? document;
    const result = await window.axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  })()`;
  return (await page.evaluate(script)) as AxeFinding[];
}

/** Chooses an option of an Atlaskit Select (wrapped in an element with that test id) by its label. */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).getByRole('combobox').click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

/**
 * Chooses a person in a UserPicker with the keyboard alone: types the query, then walks the
 * suggestions with the arrow keys until the active one (aria-selected) is that person, and presses
 * Enter. It reads which option is active instead of counting key presses, so neither the order
 * Jira answers in, a search still settling, nor a pointer resting over the list can pick someone else.
 */
export async function pickPersonByKeyboard(page: Page, pickerTestId: string, query: string, name: string): Promise<void> {
  const picker = page.getByTestId(pickerTestId);
  await page.mouse.move(0, 0);
  await picker.getByRole('combobox').focus();
  await page.keyboard.type(query);
  await picker.getByRole('option', { name }).first().waitFor();
  for (let step = 0; ; step++) {
    const options = await picker.getByRole('option').evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', active: el.getAttribute('aria-selected') === 'true' })));
    const target = options.findIndex((o) => o.text.includes(name));
    const active = options.findIndex((o) => o.active);
    if (target >= 0 && target === active) break;
    if (step > 50) throw new Error(`could not make ${name} the active suggestion in ${pickerTestId}`);
    if (target >= 0 && active >= 0) await page.keyboard.press(target > active ? 'ArrowDown' : 'ArrowUp');
    else await page.waitForTimeout(50);
  }
  await page.keyboard.press('Enter');
  await expect.poll(() => picker.getByTestId(`${pickerTestId}-value`).innerText().catch(() => '')).toContain(name);
}
