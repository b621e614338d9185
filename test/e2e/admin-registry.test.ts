import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { CredentialList, Envelope } from '../../src/contract';
import { chooseOption, launchBrowser, openPage, personaOf, postJson, SCREENSHOTS, startApp, type RunningApp, type TestBrowser } from './support';

/**
 * The admin page, end to end: the real built Custom UI, bridge and resolvers on the local host and
 * the demo site, in Debian's Chromium. The tests run in order and share one scan.
 */
let app: RunningApp;
let browser: TestBrowser;
let personas: Persona[];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  personas = (await (await fetch(`${app.baseUrl}/dev/personas`)).json()) as Persona[];
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const byRole = (role: Persona['role'], i = 0) => personaOf(personas, role, i);
const open = (path: string) => openPage(browser, app.baseUrl, path, { width: 1280, height: 900 });

/** An admin page address: `/admin<path>?as=<site admin>` plus extra query text. */
const adminPath = (extra = '', path = '') => `/admin${path}?as=${encodeURIComponent(byRole('site-admin').accountId)}${extra}`;
const identitiesPath = (extra = '') => adminPath(extra, '/identities');
/** The account id in an identity page's address. */
const accountIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

async function invoke<T>(functionKey: string, payload: unknown): Promise<Envelope<T>> {
  const res = await postJson(app.baseUrl, '/dev/invoke', { as: byRole('site-admin').accountId, moduleKey: 'admin-page', functionKey, payload });
  return (await res.json()) as Envelope<T>;
}

/** Types a search and waits until the table shows that search's answer. */
async function search(page: Page, text: string) {
  await page.getByTestId('identity-search').fill(text);
  await page.locator(`[data-testid="identities-table"][data-search="${text}"][aria-busy="false"]`).waitFor();
}

async function pickPerson(page: Page, pickerTestId: string, query: string, name: string) {
  const input = page.getByTestId(pickerTestId).getByRole('combobox');
  await input.fill(query);
  await page.getByTestId(pickerTestId).getByRole('option', { name }).waitFor();
  await input.press('ArrowDown');
  // Choose by name (mouse), so the test does not depend on the order Jira answers in.
  await page.getByTestId(pickerTestId).getByRole('option', { name }).dispatchEvent('mousedown');
  await expect(page.getByTestId(`${pickerTestId}-value`).innerText()).resolves.toContain(name);
}

describe('admin page', () => {
  it('runs a scan from Scan now, shows live progress, then the overview and the table', async () => {
    const { page, errors } = await open(adminPath());
    await page.getByTestId('empty-no-scan').waitFor();
    await page.getByTestId('scan-now').click();
    await page.getByTestId('scan-progress').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-scan-progress.png'), fullPage: true });
    await page.getByTestId('overview-identities').waitFor({ timeout: 240_000 });
    await expect(page.getByTestId('last-scan').innerText()).resolves.toMatch(/Last completed/);
    expect(Number(await page.getByTestId('overview-identities').innerText())).toBeGreaterThan(5);
    await page.getByTestId('nav-identities').click();
    await page.getByTestId('identities-table').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/identities');
    expect(await page.getByTestId('identity-row').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-overview-table.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds a service account by search, sets owner and backup, and keeps them after a reload', async () => {
    const { page, errors } = await open(identitiesPath());
    await page.getByTestId('identities-table').waitFor();
    await chooseOption(page, 'filter-kind', 'Service account');
    await page.waitForURL(/kind=service-account/);
    await page.locator('[data-testid="identities-table"][aria-busy="false"]').waitFor();
    const name = (await page.getByTestId('open-identity').first().innerText()).trim();
    await chooseOption(page, 'filter-kind', 'All kinds');
    await search(page, name);
    expect(await page.getByTestId('identity-row').count()).toBe(1);
    await page.getByTestId('open-identity').first().click();
    await page.getByTestId('identity-detail').waitFor();
    await expect(page.getByTestId('identity-name').innerText()).resolves.toBe(name);
    await page.getByTestId('tab-ownership').click();

    const owner = byRole('project-admin', 0);
    const backup = byRole('project-admin', 1);
    await pickPerson(page, 'owner-picker', owner.displayName.split(' ')[0] ?? owner.displayName, owner.displayName);
    await pickPerson(page, 'backup-picker', backup.displayName.split(' ')[0] ?? backup.displayName, backup.displayName);
    await page.getByTestId('ownership-team').fill('Reporting platform');
    await page.getByTestId('ownership-save').click();
    await page.getByTestId('identity-detail').getByTestId('contacts').waitFor();
    await expect(page.getByTestId('contacts').innerText()).resolves.toContain(owner.displayName);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-identity-saved.png'), fullPage: true });

    // The address keeps the identity and the tab: a reload opens the same view.
    await page.reload();
    await page.getByTestId('ownership-section').waitFor();
    await expect(page.getByTestId('owner-picker-value').innerText()).resolves.toContain(owner.displayName);
    await expect(page.getByTestId('backup-picker-value').innerText()).resolves.toContain(backup.displayName);
    await expect(page.getByTestId('ownership-team').inputValue()).resolves.toBe('Reporting platform');
    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('history').innerText()).resolves.toMatch(/created the ownership/);
    await page.goto(`${app.baseUrl}${identitiesPath(`&q=${encodeURIComponent(name)}`)}`);
    await page.locator(`[data-testid="identities-table"][data-search="${name}"][aria-busy="false"]`).waitFor();
    await expect(page.getByTestId('identity-row').first().innerText()).resolves.toContain(owner.displayName);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("marks an identity as not an integration, keeps the mark after a reload, and clears it", async () => {
    const { page, errors } = await open(identitiesPath());
    await page.getByTestId('identities-table').waitFor();
    await page.getByTestId('open-identity').first().click();
    await page.getByTestId('identity-detail').waitFor();
    await page.getByTestId('mark-not-integration').click();
    await page.getByTestId('mark-clear').waitFor();
    await expect(page.getByTestId('mark-control').innerText()).resolves.toMatch(/Marked as not an integration/);
    await page.reload();
    await page.getByTestId('mark-clear').waitFor();
    await expect(page.getByTestId('mark-control').innerText()).resolves.toMatch(/Marked as not an integration by an admin/);
    await page.getByTestId('mark-clear').click();
    await page.getByTestId('mark-not-integration').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a conflict when someone else saved first, and lets the admin reapply', async () => {
    const { page } = await open(identitiesPath());
    await page.getByTestId('identities-table').waitFor();
    await page.getByTestId('open-identity').first().click();
    await page.getByTestId('identity-detail').waitFor();
    await page.getByTestId('tab-ownership').click();
    const accountId = accountIdOf(page);
    const current = await invoke<{ version: number }>('identity/get', { accountId });
    if (!current.ok) throw new Error(current.error.message);
    // Another admin saves first.
    const other = await invoke<{ version: number }>('ownership/save', {
      accountId,
      baseVersion: current.data.version,
      ownership: { ownerAccountId: null, backupAccountId: null, team: 'Their team', purpose: '', runbookUrl: '', notes: '' },
    });
    expect(other.ok).toBe(true);
    await page.getByTestId('ownership-team').fill('My team');
    await page.getByTestId('ownership-save').click();
    await page.getByTestId('ownership-conflict').waitFor();
    await expect(page.getByTestId('conflict-theirs').innerText()).resolves.toContain('Their team');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-ownership-conflict.png'), fullPage: true });
    await page.getByTestId('conflict-reapply').click();
    await expect(page.getByTestId('ownership-team').inputValue()).resolves.toBe('My team');
    await page.getByTestId('ownership-conflict').waitFor({ state: 'detached' });
    const after = await invoke<{ ownership: { team: string } }>('identity/get', { accountId });
    expect(after.ok && after.data.ownership.team).toBe('My team');
    await page.close();
  });

  it('previews a CSV import with a bad row, shows the error and imports nothing', async () => {
    const list = await invoke<{ items: Array<{ accountId: string; kind: string }> }>('identities/list', { kind: 'service-account', limit: 1 });
    if (!list.ok || !list.data.items[0]) throw new Error('no service account');
    const id = list.data.items[0].accountId;
    const csv = ['identity_account_id,kind,label,scopes,created,expires,last_used,owner_account_id', `${id},api-token,Nightly export,read:jira-work,2026-01-01,2026-12-31,,`, `${id},password,Broken row,,,not-a-date,,`].join('\n');

    const { page, errors } = await open(adminPath());
    await page.getByTestId('nav-credentials').click();
    await page.getByTestId('credentials-view').waitFor();
    await page.getByTestId('credentials-empty').waitFor();
    await page.getByTestId('csv-text').fill(csv);
    await page.getByTestId('csv-preview').click();
    await page.getByTestId('csv-errors').waitFor();
    const rows = page.getByTestId('csv-error-row');
    expect(await rows.count()).toBeGreaterThan(0);
    await expect(rows.first().innerText()).resolves.toMatch(/^3\b/);
    expect(await page.getByTestId('csv-commit').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-csv-error.png'), fullPage: true });

    const stored = await invoke<CredentialList>('credentials/list', {});
    expect(stored.ok && stored.data.identities.flatMap((g) => g.credentials)).toEqual([]);

    // Without the bad row it imports, and the list shows the credential ordered by expiry.
    await page.getByTestId('csv-text').fill(csv.split('\n').slice(0, 2).join('\n'));
    await page.getByTestId('csv-preview').click();
    await page.getByText('No problems found').waitFor();
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('csv-done').waitFor();
    await page.getByTestId('credential-row').first().waitFor();
    await expect(page.getByTestId('credential-row').first().innerText()).resolves.toContain('Nightly export');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-credentials.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the dark theme with readable contrast', async () => {
    const { page } = await open(identitiesPath('&theme=dark'));
    await page.getByTestId('identities-table').waitFor();
    expect(await page.getAttribute('html', 'data-color-mode')).toBe('dark');
    const ratios = await page.evaluate(() => {
      const parse = (c: string): [number, number, number, number] => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m?.[1]) return [0, 0, 0, 0];
        const [r = 0, g = 0, b = 0, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
        return [r, g, b, a];
      };
      const background = (el: Element | null): [number, number, number] => {
        for (let e = el; e; e = e.parentElement) {
          const [r, g, b, a] = parse(getComputedStyle(e).backgroundColor);
          if (a > 0.5) return [r, g, b];
        }
        return parse(getComputedStyle(document.body).backgroundColor).slice(0, 3) as [number, number, number];
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0);
      };
      const contrast = (el: Element | null) => {
        if (!el) return 0;
        const fg = lum(parse(getComputedStyle(el).color));
        const bg = lum(background(el));
        return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      };
      const q = (s: string) => document.querySelector(s);
      return {
        heading: contrast(q('h1')),
        body: contrast(q('[data-testid="identity-row"] td:nth-child(3)')),
        link: contrast(q('[data-testid="open-identity"]')),
        header: contrast(q('[data-testid="identities-table"] th')),
        label: contrast(q('label')),
        input: contrast(q('[data-testid="identity-search"]')),
        lastScan: contrast(q('[data-testid="last-scan"]')),
      };
    });
    for (const [name, ratio] of Object.entries(ratios)) expect(ratio, `${name} contrast`).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-dark-table.png'), fullPage: true });
    await page.getByTestId('open-identity').first().click();
    await page.getByTestId('identity-detail').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-dark-detail.png'), fullPage: true });
    await page.close();
  });

  it('shows the project × identity heat map, widest integrations first', async () => {
    const { page, errors } = await open(adminPath());
    await page.getByTestId('nav-heatmap').click();
    await page.getByTestId('heat-map').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('heat-map').locator('tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-heat-map.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a plain user the no-access page and no data', async () => {
    const { page } = await open(`/admin?as=${encodeURIComponent(byRole('user').accountId)}`);
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('admin-page').count()).toBe(0);
    expect(await page.getByTestId('identities-table').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-no-access.png'), fullPage: true });
    await page.close();
  });

  it('reaches the main controls with Tab and works them from the keyboard', async () => {
    const { page } = await open(identitiesPath());
    await page.getByTestId('identities-table').waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.dataset.testid ?? el?.getAttribute('role') ?? el?.tagName ?? '';
      });
      reached.add(id);
      if (id === 'open-identity') break;
    }
    for (const control of ['nav-overview', 'nav-credentials', 'scan-now', 'identity-search', 'combobox', 'filter-project', 'open-identity']) expect(reached, control).toContain(control);
    // Enter on a focused name opens it; arrow keys move between its tabs; the breadcrumb leads back.
    await page.keyboard.press('Enter');
    await page.getByTestId('identity-detail').waitFor();
    await page.getByTestId('tab-projects').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('access-section').waitFor();
    expect(page.url()).toMatch(/tab=access/);
    await page.getByTestId('breadcrumbs').getByRole('link', { name: 'Identities' }).press('Enter');
    await page.getByTestId('identities-table').waitFor();
    await page.close();
  });
});
