/**
 * UI figures for `npm run bench` (issue 5): the admin page in headless Chromium (Playwright, Debian's
 * browser) against `npm start`, on the demo and the large simulated sites, after a complete scan.
 *
 * - ui_first_render_ms_*: navigation start to the identities table in the page (performance.now()
 *   in the page when the table first exists, polled every animation frame), median of 5 fresh loads.
 * - ui_detail_ms_large: navigation start to the identity page (`/admin/identities/<id>`, its projects
 *   tab drawn) of the identity with the most access (projects it can browse), median of 5 fresh loads.
 * - ui_filter_ms_large: one search typed into the search box (a single input event, as a paste or
 *   the last keystroke) until the table shows that search's answer, debounce included; median of 7.
 * - ui_heatmap_ms_large: the heat map tab selected until its table is in the page (resolver call,
 *   lazy chunk and render), in a 1,440-pixel-wide window; median of 5 fresh loads.
 * - ui_js_gzip_kib: every JavaScript file the Custom UI build ships, each gzipped, in KiB.
 *
 * The scan is prepared in a child process (`tsx bench/ui.ts --prepare DIR SITE`): the local host
 * with the real back end runs the daily trigger's scan on a virtual clock that skips the hourly
 * budget pauses (as bench/run.ts does), into DIR's SQLite store; `npm start` then serves that store.
 * Run alone: `npx tsx bench/ui.ts` prints the figures as JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { shippedJsGzipBytes } from '../dev/build';
import { startApp } from '../dev/tools/start-app';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
type Site = 'demo' | 'large';

/** In the child: scan SITE into DIR with the virtual clock, then exit. */
async function prepare(dataDir: string, site: Site): Promise<void> {
  const { installVirtualClock } = await import('../dev/tools/virtual-clock');
  installVirtualClock();
  process.env.SCAN_RETRY_BASE_MS ??= '200';
  const { createHost } = await import('../dev/host/host');
  const { drainQueue } = await import('../dev/tools/drain');
  const backend = await import('../src/index');
  const host = createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir, site });
  await host.functions.runTrigger('daily-trigger');
  await drainQueue(host, { skipIdleTime: true });
  host.close();
}

function prepareData(site: Site): string {
  const dataDir = mkdtempSync(join(tmpdir(), `registry-ui-bench-${site}-`));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'ui.ts'), '--prepare', dataDir, site], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 30 * 60_000 });
  if (run.status !== 0) throw new Error(`preparing the ${site} site's scan failed (exit ${run.status})`);
  return dataDir;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] ?? 0);
};

async function adminUrl(baseUrl: string): Promise<string> {
  const personas = (await (await fetch(`${baseUrl}/dev/personas`)).json()) as Array<{ accountId: string; role: string }>;
  const admin = personas.find((p) => p.role === 'site-admin');
  if (!admin) throw new Error('no site admin persona');
  return `${baseUrl}/admin/identities?as=${encodeURIComponent(admin.accountId)}`;
}

/** Navigation start to the identities table, in the page's own clock. */
async function firstRender(browser: Browser, url: string): Promise<{ ms: number; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (document.querySelector('[data-testid="identities-table"] tbody tr') ? performance.now() : false), undefined, { polling: 'raf', timeout: 60_000 });
  return { ms: (await handle.jsonValue()) as number, page };
}

/** One search set in the box (one input event) until the table shows its answer, in the page's clock. */
async function filterOnce(page: Page, text: string): Promise<number> {
  // Plain source text: the bundler's helpers (tsx names functions) do not exist in the page.
  const script = `(async () => {
    const q = ${JSON.stringify(text)};
    const input = document.querySelector('[data-testid="identity-search"]');
    if (!input) throw new Error('no search box');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const started = performance.now();
    setValue.call(input, q);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const selector = '[data-testid="identities-table"][data-search="' + CSS.escape(q) + '"][aria-busy="false"], [data-testid="empty-no-match"]';
    await new Promise((resolve) => {
      const check = () => (document.querySelector(selector) ? resolve(undefined) : requestAnimationFrame(check));
      check();
    });
    return performance.now() - started;
  })()`;
  return (await page.evaluate(script)) as number;
}

/** The heat map tab selected until its table exists, in the page's clock (a fresh page each time). */
/** The identity with the most access on the site (projects it can browse: used plus unused). */
async function mostAccess(baseUrl: string): Promise<string> {
  const personas = (await (await fetch(`${baseUrl}/dev/personas`)).json()) as Array<{ accountId: string; role: string }>;
  const as = personas.find((p) => p.role === 'site-admin')?.accountId;
  let best = { accountId: '', access: -1 };
  for (let offset = 0; ; offset += 200) {
    const res = await fetch(`${baseUrl}/dev/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, moduleKey: 'admin-page', functionKey: 'identities/list', payload: { offset, limit: 200 } }) });
    const body = (await res.json()) as { ok: boolean; data?: { items: Array<{ accountId: string; projectsTouched: number; unusedAccessProjects: number }>; total: number } };
    if (!body.ok || !body.data) throw new Error('identities/list failed');
    for (const i of body.data.items) if (i.projectsTouched + i.unusedAccessProjects > best.access) best = { accountId: i.accountId, access: i.projectsTouched + i.unusedAccessProjects };
    if (offset + 200 >= body.data.total) break;
  }
  return best.accountId;
}

/** Navigation start to the identity page with its first tab drawn, in the page's own clock. */
async function detailRender(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (document.querySelector('[data-testid="projects-section"]') ? performance.now() : false), undefined, { polling: 'raf', timeout: 60_000 });
  const ms = (await handle.jsonValue()) as number;
  await context.close();
  return ms;
}

async function heatMapOnce(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('nav-heatmap').waitFor({ timeout: 60_000 });
    const script = `(async () => {
      const started = performance.now();
      document.querySelector('[data-testid="nav-heatmap"]').click();
      await new Promise((resolve) => {
        const check = () => (document.querySelector('[data-testid="heat-map-table"] tbody tr, [data-testid="heat-map-empty"]') ? resolve(undefined) : requestAnimationFrame(check));
        check();
      });
      return performance.now() - started;
    })()`;
    return (await page.evaluate(script)) as number;
  } finally {
    await context.close();
  }
}

async function measureSite(browser: Browser, site: Site, withFilter: boolean): Promise<{ firstRenderMs: number; filterMs: number | null; heatMapMs: number | null; detailMs: number | null }> {
  const dataDir = prepareData(site);
  const app = await startApp({ SITE: site, DATA_DIR: dataDir });
  try {
    const url = await adminUrl(app.baseUrl);
    (await firstRender(browser, url)).page.context().close().catch(() => undefined); // warm-up (server caches, Chromium's disk cache)
    const renders: number[] = [];
    let last: Page | null = null;
    for (let i = 0; i < 5; i++) {
      const { ms, page } = await firstRender(browser, url);
      renders.push(ms);
      if (last) await last.context().close();
      last = page;
    }
    let filterMs: number | null = null;
    if (withFilter && last) {
      const names = await last.locator('[data-testid="open-identity"]').allInnerTexts();
      const queries = ['svc', 'sync', 'bot', 'agent', 'ops', 'report', 'int'].concat(names.slice(0, 3).map((n) => n.slice(0, 5)));
      const times: number[] = [];
      for (const q of queries.slice(0, 7)) {
        times.push(await filterOnce(last, q));
        await filterOnce(last, ''); // back to the full list (not measured)
      }
      filterMs = median(times);
    }
    await last?.context().close();
    let heatMapMs: number | null = null;
    if (withFilter) {
      await heatMapOnce(browser, url); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await heatMapOnce(browser, url));
      heatMapMs = median(times);
    }
    let detailMs: number | null = null;
    if (withFilter) {
      const id = await mostAccess(app.baseUrl);
      const detailUrl = url.replace('/admin/identities?', `/admin/identities/${encodeURIComponent(id)}?`);
      await detailRender(browser, detailUrl); // warm-up
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await detailRender(browser, detailUrl));
      detailMs = median(times);
    }
    return { firstRenderMs: median(renders), filterMs, heatMapMs, detailMs };
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureUi(): Promise<{
  ui_first_render_ms_demo: number;
  ui_first_render_ms_large: number;
  ui_filter_ms_large: number;
  ui_heatmap_ms_large: number;
  ui_detail_ms_large: number;
  ui_js_gzip_kib: number;
}> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const demo = await measureSite(browser, 'demo', false);
    const large = await measureSite(browser, 'large', true);
    return {
      ui_first_render_ms_demo: demo.firstRenderMs,
      ui_first_render_ms_large: large.firstRenderMs,
      ui_filter_ms_large: large.filterMs ?? 0,
      ui_heatmap_ms_large: large.heatMapMs ?? 0,
      ui_detail_ms_large: large.detailMs ?? 0,
      // Every JavaScript file of the built Custom UI, gzipped (`npm start` built it); guide: under 350.
      ui_js_gzip_kib: Math.round((shippedJsGzipBytes() / 1024) * 10) / 10,
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--prepare');
  if (at >= 0) {
    await prepare(process.argv[at + 1] ?? '', process.argv[at + 2] === 'large' ? 'large' : 'demo');
    process.exit(0);
  } else {
    console.log(JSON.stringify(await measureUi()));
  }
}
