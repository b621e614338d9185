import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { Envelope, IdentityDetail, ProjectIntegrations, ScanStatus } from '../../src/contract';
import { axeViolations, expectNothingKept, launchBrowser, postJson, SCREENSHOTS, QUICK_SCANS, startApp, type RunningApp, type TestBrowser } from './support';

/** The project page in Chromium (issue 6): AND's admin sees AND's integrations; others get no access; text stays inert. */
let app: RunningApp;
let browser: TestBrowser;
let personas: Persona[];

const PURPOSE = 'Builds the Android release every night';
const RUNBOOK = 'https://wiki.example.com/runbooks/android-builds';
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
  app = await startApp({ ...QUICK_SCANS, SCAN_RETRY_BASE_MS: '20' });
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
      ownership: { ownerAccountId: andAdmin.accountId, backupAccountId: byRole('user').accountId, team: HOSTILE_TEAM, purpose: PURPOSE, runbookUrl: RUNBOOK, notes: '' },
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
  // A blocked image or script shows as a console error (Content-Security-Policy): none may appear.
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${app.baseUrl}${path}`);
  await expectNothingKept(page);
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
    await expect(page.getByTestId('call-list').first().innerText()).resolves.toContain(a.displayName);
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
    expect(await page.locator('[data-testid="project-page"] script, [data-testid="project-page"] img:not([data-testid="contact-avatar--image"]), [data-testid="project-page"] svg[onload], [data-testid="project-page"] b').count()).toBe(0);
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

/** Issue 12: the project page built for a large site and for the night an integration stops. */
describe('project page, second edition', () => {
  const navigations = (page: Page) => page.evaluate(() => (window as unknown as { __forgeHost: { navigations: Array<{ url: string; type: string }> } }).__forgeHost.navigations);

  it('leads with the integrations that worked here, by activity; folds the idle ones behind their count; says "nobody to call" once', async () => {
    const a = byRole('project-admin', 0);
    const { page, errors } = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}`);
    await page.getByTestId('project-integrations').waitFor();
    const data = await must(invoke<ProjectIntegrations>(a.accountId, 'project/integrations', {}, 'AND'));
    const working = data.integrations.filter((i) => i.activity.touches + i.activity.worked > 0);
    const idle = data.integrations.length - working.length;
    // Sorted by activity, most first.
    const shown = await page.getByTestId('project-integrations').getByTestId('project-integration').count();
    expect(shown).toBe(working.length);
    const firstRow = await page.getByTestId('project-integration').first().innerText();
    const busiest = [...working].sort((x, y) => y.activity.touches - x.activity.touches)[0];
    expect(firstRow).toContain(busiest?.displayName);
    if (idle > 0) {
      await expect(page.getByTestId('idle-summary').innerText()).resolves.toContain(idle === 1 ? 'One more integration' : `${idle} more integrations`);
      expect(await page.getByTestId('project-idle-integrations').count()).toBe(0);
      await page.getByTestId('toggle-idle').click();
      expect(await page.getByTestId('project-idle-integrations').getByTestId('project-integration').count()).toBe(idle);
    }
    // One notice for all the integrations nobody answers for, and no sentence repeated on every row.
    const nobody = data.integrations.filter((i) => i.callList.length === 0).length;
    expect(nobody).toBeGreaterThan(0);
    expect(await page.getByTestId('nobody-to-call').count()).toBe(1);
    await expect(page.getByTestId('nobody-to-call').innerText()).resolves.toContain(`Nobody to call for ${nobody} of ${data.integrations.length}`);
    // Every cell but the notes (two notes may well have the same author and minute).
    const rowTexts = await page.getByTestId('project-integration').locator('td:not(:last-child)').allInnerTexts();
    const sentences = rowTexts.flatMap((t) => t.split('\n').filter((line) => line.length > 40));
    expect(sentences.filter((line, i) => sentences.indexOf(line) !== i), 'no long sentence repeated row after row').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sorts and filters', async () => {
    const a = byRole('project-admin', 0);
    const { page } = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}`);
    await page.getByTestId('project-integrations').waitFor();
    const names = async () => (await page.getByTestId('project-integrations').locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.split('\n')[0] ?? '');
    await page.locator('#project-sort').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByText('Name', { exact: true }).click();
    const byName = await names();
    expect(byName).toEqual([...byName].sort((x, y) => x.localeCompare(y, undefined, { numeric: true, sensitivity: 'base' })));
    const target = byName[byName.length - 1] ?? '';
    await page.getByTestId('project-filter').fill(target.slice(0, 8));
    await expect.poll(names).toContain(target);
    expect((await names()).every((n) => n.toLowerCase().includes(target.slice(0, 8).toLowerCase()))).toBe(true);
    await page.getByTestId('project-filter').fill('no integration is called this');
    await page.getByTestId('no-match').waitFor();
    await page.close();
  });

  it('shows purpose, the runbook as a link, and a call list with avatar, email where Jira shows it and a profile link', async () => {
    const a = byRole('project-admin', 0);
    const { page, errors } = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}`);
    await page.getByTestId('purpose').first().waitFor();
    await expect(page.getByTestId('purpose').first().innerText()).resolves.toBe(PURPOSE);
    const row = page.getByTestId('project-integration').filter({ has: page.getByTestId('purpose') });
    expect(await row.getByTestId('runbook-link').getAttribute('href')).toBe(RUNBOOK);
    const contact = row.getByTestId('contact').first();
    await expect(contact.innerText()).resolves.toContain(a.displayName);
    // The avatar is Jira's picture (served by the simulated site), loaded under the page's CSP: not the default icon.
    const avatar = contact.getByTestId('contact-avatar--image');
    await avatar.waitFor();
    await expect.poll(() => avatar.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await avatar.getAttribute('src')).toMatch(/\/sim\/avatars\/initials\/[A-Z]{1,2}\.svg/);
    expect(await contact.getByTestId('contact-profile').getAttribute('href')).toContain(`/jira/people/${encodeURIComponent(a.accountId)}`);
    await contact.getByTestId('contact-profile').click();
    await row.getByTestId('runbook-link').click();
    expect((await navigations(page)).map((n) => n.url)).toEqual([`/jira/people/${encodeURIComponent(a.accountId)}`, RUNBOOK]);
    // Email only where Jira shows it: the page shows exactly what the resolver answered.
    const data = await must(invoke<ProjectIntegrations>(a.accountId, 'project/integrations', {}, 'AND'));
    const emails = data.integrations.flatMap((i) => i.callList.map((c) => c.email)).filter((e): e is string => !!e);
    expect(await page.getByTestId('contact-email').allInnerTexts()).toEqual(expect.arrayContaining([...new Set(emails)]));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens each count in Jira's issue search with its JQL (quoted ids), and the name on the admin page for Jira admins only", async () => {
    const admin = byRole('site-admin');
    const { page } = await open(`/project/AND?as=${encodeURIComponent(admin.accountId)}`);
    await page.getByTestId('project-integrations').waitFor();
    const row = page.getByTestId('project-integration').first();
    await row.getByTestId('drill-touched').click();
    await row.getByTestId('open-in-admin').click();
    // The host maps the admin page's Forge URL to its own page and goes there, as Jira does.
    await page.waitForURL(/\/admin\/identities\//);
    await page.getByTestId('identity-detail').waitFor();
    const [search, adminLink] = await navigations(page);
    expect(search?.type).toBe('new-tab');
    const jql = new URL(search?.url ?? '', 'https://site.invalid').searchParams.get('jql') ?? '';
    expect(jql).toMatch(/^project = "AND" AND \(\(issuekey in updatedBy\("[^"]+", "\d{4}-\d{2}-\d{2}"\) OR \(worklogAuthor = "[^"]+" AND worklogDate >= "\d{4}-\d{2}-\d{2}"\)\)\)$/);
    expect(adminLink?.url).toMatch(/^\/jira\/settings\/apps\/[^/]+\/[^/]+\/identities\/[^/?]+$/);
    await page.close();

    const a = byRole('project-admin', 0);
    const lead = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}`);
    await lead.page.getByTestId('project-integrations').waitFor();
    expect(await lead.page.getByTestId('open-in-admin').count(), 'no admin link for a project admin').toBe(0);
    await lead.page.close();
  });

  it.each(['light', 'dark'] as const)('has no serious or critical accessibility finding in the %s theme', async (theme) => {
    const a = byRole('project-admin', 0);
    const { page, errors } = await open(`/project/AND?as=${encodeURIComponent(a.accountId)}&theme=${theme}`);
    await page.getByTestId('project-integrations').waitFor();
    expect(await page.getAttribute('html', 'data-color-mode')).toBe(theme);
    if (await page.getByTestId('toggle-idle').count()) await page.getByTestId('toggle-idle').click();
    await page.screenshot({ path: join(SCREENSHOTS, `project-page-${theme}.png`), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
