import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { Envelope, IdentityList, ScanStatus } from '../../src/contract';
import { axeViolations, launchBrowser, openPage, personaOf, postJson, SCREENSHOTS, QUICK_SCANS, startApp, type RunningApp, type TestBrowser } from './support';

/** The heat map (issue 12, finding 10): legible in both themes, every column in view at 1,440 px, cells that open the identity. */
let app: RunningApp;
let browser: TestBrowser;
let personas: Persona[];

async function invoke<T>(as: string, functionKey: string, payload: unknown): Promise<T> {
  const res = await postJson(app.baseUrl, '/dev/invoke', { as, moduleKey: 'admin-page', functionKey, payload });
  const answer = (await res.json()) as Envelope<T>;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

beforeAll(async () => {
  app = await startApp({ ...QUICK_SCANS, SCAN_RETRY_BASE_MS: '20' });
  browser = await launchBrowser();
  personas = (await (await fetch(`${app.baseUrl}/dev/personas`)).json()) as Persona[];
  const admin = personaOf(personas, 'site-admin').accountId;
  await invoke<ScanStatus>(admin, 'scan/start', {});
  for (let i = 0; i < 600; i++) {
    const status = await invoke<ScanStatus>(admin, 'scan/status', {});
    if (status.state === 'idle' && status.lastCompletedAt) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openHeatMap(theme: 'light' | 'dark'): Promise<{ page: Page; errors: string[] }> {
  const as = encodeURIComponent(personaOf(personas, 'site-admin').accountId);
  const opened = await openPage(browser, app.baseUrl, `/admin?as=${as}&theme=${theme}`, { width: 1440, height: 900 });
  await opened.page.getByTestId('nav-heatmap').click();
  await opened.page.getByTestId('heat-map').waitFor({ timeout: 60_000 });
  return opened;
}

describe.each(['light', 'dark'] as const)('heat map, %s theme', (theme) => {
  it('has no serious or critical accessibility finding, shows every column at 1,440 px, and each number opens its identity', async () => {
    const { page, errors } = await openHeatMap(theme);
    expect(await page.getAttribute('html', 'data-color-mode')).toBe(theme);
    await page.screenshot({ path: join(SCREENSHOTS, `heatmap-${theme}.png`), fullPage: true });
    // axe-core checks text contrast (4.5:1) among its serious rules.
    expect(await axeViolations(page, '[data-testid="heat-map"]')).toEqual([]);

    const table = page.getByTestId('heat-map-table');
    const columns = await table.locator('thead th').count();
    expect(columns).toBeGreaterThan(2);
    const lastHeader = await table.locator('thead th').last().boundingBox();
    expect(lastHeader, 'the last column is laid out').not.toBeNull();
    expect((lastHeader?.x ?? 0) + (lastHeader?.width ?? 0), 'the last column is inside the window').toBeLessThanOrEqual(1440);

    const cell = page.getByTestId('heat-map-cell').first();
    const label = (await cell.getAttribute('aria-label')) ?? '';
    const name = label.split(' in ')[0] ?? '';
    await cell.click();
    await expect(page.getByTestId('identity-name').innerText({ timeout: 30_000 })).resolves.toContain(name);
    expect(errors).toEqual([]);
    await page.close();
  });
});

it('opens the identity from the keyboard', async () => {
  const { page } = await openHeatMap('light');
  const cell = page.getByTestId('heat-map-cell').first();
  await cell.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('identity-detail').waitFor({ timeout: 30_000 });
  await page.close();
});

describe("evidence behind a person's account", () => {
  it.each(['light', 'dark'] as const)('shows each signal with its value, threshold and points, and opens the issues behind the volume (%s)', async (theme) => {
    const admin = personaOf(personas, 'site-admin').accountId;
    const list = await invoke<IdentityList>(admin, 'identities/list', { kind: 'person-integration', limit: 50 });
    const person = list.items.find((i) => i.override === null && i.evidence.some((e) => e.signal === 'volume'));
    if (!person) throw new Error("the demo site should have a person's account found by its activity");
    const { page, errors } = await openPage(browser, app.baseUrl, `/admin/identities?as=${encodeURIComponent(admin)}&theme=${theme}`, { width: 1440, height: 900 });
    await page.getByTestId('open-identity').filter({ hasText: person.displayName }).first().click();
    const panel = page.getByTestId('evidence-panel');
    await panel.waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('evidence-score').innerText()).resolves.toContain((person.score ?? 0).toFixed(2));
    const rows = await panel.getByTestId('evidence-signal').allInnerTexts();
    expect(rows.length).toBe(person.evidence.length);
    for (const [i, e] of person.evidence.entries()) {
      expect(e.measure, e.signal).toBeDefined();
      expect(rows[i]).toContain(`+${e.measure?.points.toFixed(2)}`);
    }
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `identity-evidence-${theme}.png`), fullPage: false });
    expect(await axeViolations(page, '[data-testid="evidence-panel"]')).toEqual([]);
    await panel.getByTestId('drill-touched').click();
    const navigations = (await page.evaluate('window.__forgeHost.navigations')) as Array<{ url: string; type: string }>;
    const jql = new URL(navigations.at(-1)?.url ?? '', 'https://site.invalid').searchParams.get('jql');
    const day = jql?.match(/\d{4}-\d{2}-\d{2}/)?.[0];
    expect(jql).toBe(`(issuekey in updatedBy("${person.accountId}", "${day}") OR (worklogAuthor = "${person.accountId}" AND worklogDate >= "${day}"))`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
