import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { Envelope, IdentityList, ScanStatus } from '../../src/contract';
import { axeViolations, launchBrowser, openPage, personaOf, pickPersonByKeyboard, postJson, reopen, SCREENSHOTS, settled, QUICK_SCANS, startApp, type OpenedPage, type RunningApp, type TestBrowser } from './support';

/**
 * The admin page's addresses and views (issue 12): every view has an address, Back and Forward
 * work, links from other modules land on the view, and every view passes axe-core (no serious or
 * critical violation) in the light and the dark theme; screenshots of each under test-output/.
 */
let app: RunningApp;
let browser: TestBrowser;
let personas: Persona[];
let admin: string;

async function invoke<T>(functionKey: string, payload: unknown): Promise<T> {
  const res = await postJson(app.baseUrl, '/dev/invoke', { as: admin, moduleKey: 'admin-page', functionKey, payload });
  const body = (await res.json()) as Envelope<T>;
  if (!body.ok) throw new Error(`${functionKey}: ${body.error.message}`);
  return body.data;
}

beforeAll(async () => {
  app = await startApp(QUICK_SCANS);
  browser = await launchBrowser();
  personas = (await (await fetch(`${app.baseUrl}/dev/personas`)).json()) as Persona[];
  admin = personaOf(personas, 'site-admin').accountId;
  await invoke<ScanStatus>('scan/start', {});
  for (let i = 0; i < 240; i++) {
    const s = await invoke<ScanStatus>('scan/status', {});
    if (s.state === 'idle' && s.lastCompletedAt) break;
    await new Promise((r) => setTimeout(r, 250));
  }
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const at = (path: string, theme: 'light' | 'dark' = 'light') => `/admin${path}${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(admin)}${theme === 'dark' ? '&theme=dark' : ''}`;
const appPath = (page: Page) => {
  const u = new URL(page.url());
  u.searchParams.delete('as');
  u.searchParams.delete('theme');
  return u.pathname.replace(/^\/admin/, '') + u.search;
};

describe('admin page addresses', () => {
  it('gives every identity, tab and filter an address; Back and Forward walk them', async () => {
    const { page, errors } = await openPage(browser, app.baseUrl, at('/identities?kind=app-account'));
    await page.getByTestId('identities-table').waitFor();
    const rows = await page.getByTestId('identity-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain('App account');
    const first = page.getByTestId('open-identity').first();
    // A real link: its address is the identity's page on this host.
    expect(await first.getAttribute('href')).toMatch(/^\/admin\/identities\/[^?]+\?as=/);
    await first.click();
    await page.getByTestId('identity-detail').waitFor();
    expect(appPath(page)).toMatch(/^\/identities\/[^/?]+$/);
    await page.getByTestId('tab-history').click();
    await page.getByTestId('history').waitFor();
    expect(appPath(page)).toMatch(/\?tab=history$/);
    await page.goBack();
    await page.getByTestId('projects-section').waitFor();
    await page.goBack();
    await page.getByTestId('identities-table').waitFor();
    expect(appPath(page)).toBe('/identities?kind=app-account');
    await page.goForward();
    await page.getByTestId('identity-detail').waitFor();
    // A reload keeps the view.
    await page.reload();
    await page.getByTestId('identity-detail').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a search in the address without a history entry per keystroke', async () => {
    const { page } = await openPage(browser, app.baseUrl, at('/'));
    await page.getByTestId('overview').waitFor();
    await page.getByTestId('nav-identities').click();
    await page.getByTestId('identity-search').pressSequentially('svc', { delay: 30 });
    await page.locator('[data-testid="identities-table"][data-search="svc"][aria-busy="false"]').waitFor();
    await page.waitForURL(/q=svc/);
    await page.goBack();
    await page.getByTestId('overview').waitFor();
    expect(appPath(page)).toBe('/');
    await page.close();
  });

  it('opens the counts of the overview as filtered lists', async () => {
    const { page } = await openPage(browser, app.baseUrl, at('/'));
    await page.getByTestId('overview-no-owner').click();
    await page.getByTestId('identities-table').waitFor();
    expect(appPath(page)).toBe('/identities?risk=no-owner');
    await page.close();
  });

  it("maps the app's Forge page URLs (router.navigate from another module) to the host's pages", async () => {
    const { page } = await openPage(browser, app.baseUrl, `/project/AND?as=${encodeURIComponent(admin)}`);
    await page.getByTestId('project-page').waitFor();
    const list = await invoke<IdentityList>('identities/list', { limit: 1 });
    const id = list.items[0]?.accountId ?? '';
    const appId = await page.evaluate(() => (window as unknown as { __forgeHost: { history: unknown } }).__forgeHost && document.title);
    void appId;
    await page.evaluate(async (accountId) => {
      const bridge = (window as unknown as { __bridge: { callBridge(m: string, p: unknown): Promise<unknown> } }).__bridge;
      const context = (await bridge.callBridge('getContext', {})) as { localId: string };
      const [, appUuid, env] = /extension\/([^/]+)\/([^/]+)\//.exec(context.localId) ?? [];
      await bridge.callBridge('navigate', { target: 'page', url: `/jira/settings/apps/${appUuid}/${env}/identities/${encodeURIComponent(accountId)}?tab=access`, type: 'same-tab' });
    }, id);
    await page.waitForURL(/\/admin\/identities\//);
    await page.getByTestId('access-section').waitFor();
    expect(new URL(page.url()).searchParams.get('as')).toBe(admin);
    await page.close();
  });

  it('says so at an address that is not a view', async () => {
    const { page } = await openPage(browser, app.baseUrl, at('/no-such-view'));
    await page.getByTestId('not-found').waitFor();
    await page.close();
  });
});

describe('settings', () => {
  it('shows every field error at once, in words, and saves with a confirmation', async () => {
    const { page, errors } = await openPage(browser, app.baseUrl, at('/settings'));
    await page.getByTestId('scan-settings-form').waitFor();
    await page.getByTestId('settings-window').fill('0');
    await page.getByTestId('settings-budget').fill('5');
    await page.getByTestId('settings-save').click();
    const form = page.getByTestId('scan-settings-form');
    await form.getByText('Scan window: must be between 1 and 365').waitFor();
    await form.getByText(/Jira points per hour: must be between 100/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-settings-errors.png'), fullPage: true });
    await page.getByTestId('settings-window').fill('60');
    await page.getByTestId('settings-budget').fill('8000');
    await page.getByTestId('settings-save').click();
    await page.locator('#forge-host-flags').getByText('Scan settings saved').waitFor();
    expect(await invoke<{ windowDays: number; pointsBudgetPerHour: number }>('settings/get', {})).toMatchObject({ windowDays: 60, pointsBudgetPerHour: 8000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("offers the reminder project's own issue types", async () => {
    const { page } = await openPage(browser, app.baseUrl, at('/settings?tab=reminders'));
    await page.getByTestId('reminders-form').waitFor();
    await page.getByTestId('reminders-project').fill('AND');
    await page.getByTestId('reminders-issue-type').getByRole('combobox').click();
    await page.getByRole('option').first().waitFor();
    const offered = await page.getByRole('option').allInnerTexts();
    expect(offered.length).toBeGreaterThan(0);
    await page.getByRole('option').first().click();
    await page.getByTestId('reminders-save').click();
    await page.locator('#forge-host-flags').getByText('Reminder settings saved').waitFor();
    expect(await invoke<{ projectKey: string | null; issueTypeId: string | null }>('reminders/get', {})).toMatchObject({ projectKey: 'AND', issueTypeId: expect.any(String) });
    await page.close();
  });
});

/** Every admin view, as its address, and what shows it is ready (the heat map has its own, in the heat map's tests). */
async function views(): Promise<Array<{ name: string; path: string; ready: string }>> {
  const list = await invoke<IdentityList>('identities/list', { sort: { field: 'projectsTouched', direction: 'desc' }, limit: 1 });
  const id = encodeURIComponent(list.items[0]?.accountId ?? '');
  return [
    { name: 'overview', path: '/', ready: 'overview' },
    { name: 'identities', path: '/identities', ready: 'identities-table' },
    { name: 'identity-projects', path: `/identities/${id}`, ready: 'projects-section' },
    { name: 'identity-access', path: `/identities/${id}?tab=access`, ready: 'access-section' },
    { name: 'identity-credentials', path: `/identities/${id}?tab=credentials`, ready: 'identity-detail' },
    { name: 'identity-ownership', path: `/identities/${id}?tab=ownership`, ready: 'ownership-section' },
    { name: 'identity-history', path: `/identities/${id}?tab=history`, ready: 'history' },
    { name: 'credentials', path: '/credentials', ready: 'credentials-view' },
    { name: 'expiring', path: '/expiring', ready: 'page-title' },
    { name: 'settings-scan', path: '/settings', ready: 'scan-settings-form' },
    { name: 'settings-reminders', path: '/settings?tab=reminders', ready: 'reminders-form' },
    { name: 'settings-sync', path: '/settings?tab=sync', ready: 'sync-form' },
  ];
}

describe('every admin view, light and dark', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe-core violation (${theme})`, async () => {
      const failures: string[] = [];
      // One page loads every view in turn (each by its address).
      let opened: OpenedPage | null = null;
      for (const v of await views()) {
        if (opened) await reopen(opened, app.baseUrl, at(v.path, theme));
        else opened = await openPage(browser, app.baseUrl, at(v.path, theme), { width: 1440, height: 900 });
        const { page, errors } = opened;
        await page.getByTestId(v.ready).first().waitFor({ timeout: 60_000 });
        await settled(page);
        await page.screenshot({ path: join(SCREENSHOTS, `admin-view-${v.name}-${theme}.png`), fullPage: true });
        for (const violation of await axeViolations(page)) failures.push(`${v.name}: ${violation.id} (${violation.impact}) ${violation.help}\n    ${violation.targets.join('\n    ')}`);
        expect(errors, v.name).toEqual([]);
      }
      await opened?.page.close();
      expect(failures).toEqual([]);
    });
  }
});

describe('ownership form', () => {
  it('shows every problem at once under names for people, then confirms the save with a flag (keyboard only)', async () => {
    const list = await invoke<IdentityList>('identities/list', { kind: 'service-account', limit: 1 });
    const id = list.items[0]?.accountId ?? '';
    const owner = personaOf(personas, 'project-admin', 0);
    const { page, errors } = await openPage(browser, app.baseUrl, at(`/identities/${encodeURIComponent(id)}?tab=ownership`));
    await page.getByTestId('ownership-form').waitFor();
    const pick = (picker: string) => pickPersonByKeyboard(page, picker, owner.displayName.split(' ')[0] ?? owner.displayName, owner.displayName);
    await pick('owner-picker');
    await pick('backup-picker');
    await page.getByTestId('ownership-runbook').focus();
    await page.keyboard.type('wiki page');
    await page.getByTestId('ownership-save').focus();
    await page.keyboard.press('Enter');
    const problems = page.getByTestId('ownership-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    expect(text).toContain('Backup: must be someone other than the owner');
    expect(text).toContain('Runbook: must be a web link');
    expect(text).not.toMatch(/ownership\.|AccountId|runbookUrl/);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-ownership-errors.png'), fullPage: true });
    await page.getByTestId('backup-picker-clear').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('ownership-runbook').fill('https://wiki.example.com/runbook');
    await page.getByTestId('ownership-save').focus();
    await page.keyboard.press('Enter');
    await page.locator('#forge-host-flags').getByText('Ownership saved').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-ownership-saved-flag.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('one credential at a time', () => {
  it('adds, edits, retires and deletes a credential from the identity page, keyboard included', async () => {
    const list = await invoke<IdentityList>('identities/list', { kind: 'app-account', limit: 1 });
    const id = list.items[0]?.accountId ?? '';
    const { page, errors } = await openPage(browser, app.baseUrl, at(`/identities/${encodeURIComponent(id)}?tab=credentials`));
    await page.getByTestId('credential-add').waitFor();
    await page.getByTestId('credential-add').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('credential-form').waitFor();
    await page.getByTestId('credential-label').focus();
    await page.keyboard.type('Release bot token');
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('credential-expires').fill(soon);
    await page.getByTestId('credential-save').focus();
    await page.keyboard.press('Enter');
    await page.locator('#forge-host-flags').getByText('Credential added').waitFor();
    const row = page.getByTestId('credential-row').filter({ hasText: 'Release bot token' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Expires · 3 d/);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-credential-added.png'), fullPage: true });

    // It is in tonight's list, site-wide.
    const expiring = await invoke<{ items: Array<{ credential: { label: string } }> }>('credentials/expiring', {});
    expect(expiring.items.map((i) => i.credential.label)).toContain('Release bot token');

    await row.getByTestId('credential-edit').click();
    await page.getByTestId('credential-scopes').fill('read:jira-work');
    await page.getByTestId('credential-save').click();
    await page.locator('#forge-host-flags').getByText('Credential saved').waitFor();
    await page.getByTestId('credential-row').filter({ hasText: 'read:jira-work' }).waitFor();

    await page.getByTestId('credential-row').filter({ hasText: 'Release bot token' }).getByTestId('credential-retire').click();
    await page.getByTestId('credential-row').filter({ hasText: /Retired/ }).waitFor();
    expect((await invoke<{ items: Array<{ credential: { label: string } }> }>('credentials/expiring', {})).items.map((i) => i.credential.label)).not.toContain('Release bot token');

    await page.getByTestId('credential-row').filter({ hasText: 'Release bot token' }).getByTestId('credential-delete').click();
    await page.getByTestId('credential-delete-yes').click();
    await page.locator('#forge-host-flags').getByText('Credential deleted').waitFor();
    await page.getByTestId('credential-row').filter({ hasText: 'Release bot token' }).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
