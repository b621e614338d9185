import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { Envelope, IdentityDetail, ProjectIntegrations, ScanStatus } from '../../src/contract';
import { launchBrowser, postJson, SCREENSHOTS, startApp, type RunningApp } from './support';

/** The project page in Chromium (issue 6): AND's admin sees AND's integrations; others get no access; text stays inert. */
let app: RunningApp;
let browser: Browser;
let personas: Persona[];

const HOSTILE_TEAM = '<img src=x onerror="window.__pwned=1">Mobile';
const HOSTILE_NOTE = '<script>window.__pwned=2</script><b>bold?</b> "><svg onload="window.__pwned=3"> javascript:alert(1) — ünïcødé 🚀 مرحبا';

async function invoke<T>(as: string, functionKey: string, payload: unknown, projectKey?: string): Promise<Envelope<T>> {
  const res = await postJson(app.baseUrl, '/dev/invoke', { as, moduleKey: projectKey ? 'project-page' : 'admin-page', ...(projectKey ? { projectKey } : {}), functionKey, payload });
  return (await res.json()) as Envelope<T>;
}
async function must<T>(p: Promise<Envelope<T>>): Promise<T> {
  const answer = await p;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}
const byRole = (role: Persona['role'], i = 0) => {
  const p = personas.filter((x) => x.role === role)[i];
  if (!p) throw new Error(`no ${role} persona`);
  return p;
};

beforeAll(async () => {
  app = await startApp({ SCAN_RETRY_BASE_MS: '20' });
  browser = await launchBrowser();
  personas = (await (await fetch(`${app.baseUrl}/dev/personas`)).json()) as Persona[];
  const admin = byRole('site-admin').accountId;
  await must(invoke<ScanStatus>(admin, 'scan/start', {}));
  for (let i = 0; i < 600; i++) {
    const status = await must(invoke<ScanStatus>(admin, 'scan/status', {}));
    if (status.state === 'idle' && status.lastCompletedAt) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Hostile text in an admin-entered field and in a project note: both must show as literal text.
  const andAdmin = byRole('project-admin', 0);
  const [first] = (await must(invoke<ProjectIntegrations>(andAdmin.accountId, 'project/integrations', {}, 'AND'))).integrations;
  if (!first) throw new Error('AND should have integrations after the scan');
  const detail = await must(invoke<IdentityDetail>(admin, 'identity/get', { accountId: first.accountId }));
  await must(
    invoke(admin, 'ownership/save', {
      accountId: first.accountId,
      baseVersion: detail.version,
      ownership: { ownerAccountId: andAdmin.accountId, backupAccountId: byRole('user').accountId, team: HOSTILE_TEAM, purpose: '', runbookUrl: '', notes: '' },
    }),
  );
  await must(invoke(andAdmin.accountId, 'project/note-save', { accountId: first.accountId, note: HOSTILE_NOTE }, 'AND'));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(path: string): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${app.baseUrl}${path}`);
  return { page, errors, dialogs };
}

const invocations = (page: Page) => page.evaluate(() => (window as unknown as { __forgeHost: { invocations: number } }).__forgeHost.invocations);
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);

describe('project page in Chromium', () => {
  it("shows AND's admin the integrations touching AND, with owners and whom to call", async () => {
    const a = byRole('project-admin', 0);
    const { page, errors, dialogs } = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}`);
    await page.getByTestId('project-integrations').waitFor();
    expect(await page.getByTestId('project-integration').count()).toBeGreaterThan(0);
    await expect(page.locator('h1').innerText()).resolves.toContain('Android App');
    await expect(page.getByTestId('who-to-call').first().innerText()).resolves.toContain(`Call ${a.displayName} (owner)`);
    await page.screenshot({ path: join(SCREENSHOTS, 'project-and-admin.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('renders HTML and script in a note and in a team name as inert text', async () => {
    const a = byRole('project-admin', 0);
    const { page, errors, dialogs } = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}`);
    await page.getByTestId('project-note').first().waitFor();
    await expect(page.getByTestId('project-note').first().innerText()).resolves.toBe(HOSTILE_NOTE);
    await expect(page.getByTestId('project-page').innerText()).resolves.toContain(HOSTILE_TEAM);
    expect(await page.locator('[data-testid="project-page"] script, [data-testid="project-page"] img, [data-testid="project-page"] svg[onload], [data-testid="project-page"] b').count()).toBe(0);
    const settled = await invocations(page);
    await page.waitForTimeout(500);
    expect(await invocations(page)).toBe(settled); // nothing injected calls the back end
    expect(await pwned(page)).toBeNull();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.getByTestId('project-note').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'project-note-inert.png'), fullPage: true });
    await page.close();
  });

  it('lets the project admin add a note from the page; it shows as typed', async () => {
    const a = byRole('project-admin', 0);
    const { page, errors } = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}`);
    await page.getByTestId('project-integrations').waitFor();
    const row = page.getByTestId('project-integration').nth(1);
    await row.getByTestId('edit-note').click();
    const typed = 'Feeds our release report <i>nightly</i>';
    await row.getByTestId('note-input').fill(typed);
    await row.getByTestId('save-note').click();
    await expect(row.getByTestId('project-note').innerText()).resolves.toBe(typed);
    expect(await row.locator('i').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("gives API's admin no access on AND's page, and the resolver says FORBIDDEN", async () => {
    const b = byRole('project-admin', 1);
    const { page } = await open(`/project/AND?as=${encodeURIComponent(b.accountId)}`);
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('project-page').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('Automation for Jira');
    await page.screenshot({ path: join(SCREENSHOTS, 'project-and-as-api-admin.png'), fullPage: true });
    await page.close();
    expect(await invoke(b.accountId, 'project/integrations', {}, 'AND')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  it('gives a plain user the no-access page and no data', async () => {
    const user = byRole('user');
    const { page } = await open(`/project/AND?as=${encodeURIComponent(user.accountId)}`);
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('project-integrations').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'project-and-plain-user.png'), fullPage: true });
    await page.close();
  });
});
