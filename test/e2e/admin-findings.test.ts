import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { Envelope, IdentityDetail, IdentityList, ScanStatus, UserOption } from '../../src/contract';
import { launchBrowser, openPage, personaOf, pickPersonByKeyboard, postJson, QUICK_SCANS, reopen, SCREENSHOTS, startApp, type OpenedPage, type RunningApp, type TestBrowser } from './support';

/**
 * Issue 12's findings 13, 14 and 15 and the registry tasks that close them, in Chromium on the demo
 * site: human labels and honest CSV preview counts (13); Atlaskit controls, lozenges at content
 * width, real pagination, a tooltip on "+N more", one primary button per view, breadcrumbs, one
 * colour for "Unused access" (14); owner sort by name, the CSV template, names in the export, bulk
 * ownership (15); and the scan's Cancel button. One host and one browser for the whole file.
 */
let app: RunningApp;
let browser: TestBrowser;
let personas: Persona[];
let admin: string;
let identities: IdentityList['items'];

async function invoke<T>(functionKey: string, payload: unknown, as = admin): Promise<T> {
  const res = await postJson(app.baseUrl, '/dev/invoke', { as, moduleKey: 'admin-page', functionKey, payload });
  const body = (await res.json()) as Envelope<T>;
  if (!body.ok) throw new Error(`${functionKey}: ${body.error.message}`);
  return body.data;
}

async function scanToEnd(): Promise<ScanStatus> {
  for (let i = 0; i < 480; i++) {
    const s = await invoke<ScanStatus>('scan/status', {});
    if (s.state !== 'running' && s.state !== 'paused' && (s.lastCompletedAt || s.state !== 'idle')) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the scan did not end');
}

beforeAll(async () => {
  app = await startApp(QUICK_SCANS);
  browser = await launchBrowser();
  personas = (await (await fetch(`${app.baseUrl}/dev/personas`)).json()) as Persona[];
  admin = personaOf(personas, 'site-admin').accountId;
  await invoke<ScanStatus>('scan/start', {});
  await scanToEnd();
  identities = (await invoke<IdentityList>('identities/list', { limit: 200 })).items;
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const at = (path: string, theme: 'light' | 'dark' = 'light') => `/admin${path}${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(admin)}${theme === 'dark' ? '&theme=dark' : ''}`;
const open = (path: string, theme: 'light' | 'dark' = 'light') => openPage(browser, app.baseUrl, at(path, theme), { width: 1440, height: 900 });
const identity = (n: number) => {
  const i = identities[n];
  if (!i) throw new Error(`no identity ${n}`);
  return i;
};

/** Saves a file the page downloads and answers its text. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Internal values that must never reach the screen (finding 13). */
const RAW = ['oauth-client-credential', 'api-token', 'csv-import', 'admin-sync', 'ownerAccountId', 'backupAccountId', 'runbookUrl', 'owner_account_id', 'identity_account_id', 'service-account', 'person-integration'];

describe('finding 13: raw values and the CSV preview count', () => {
  it('says "all have errors: nothing to import" when every row is bad, counts only valid rows, and names columns for people', async () => {
    const id = identity(0).accountId;
    const header = 'identity_account_id,kind,label,scopes,created,expires,last_used,owner_account_id';
    const { page, errors } = await open('/credentials');
    await page.getByTestId('credentials-view').waitFor();
    await page.getByTestId('csv-text').fill([header, `${id},api-token,Bad date,,,2099-13-01,,`, `${id},password,Bad kind,,,,,`].join('\n'));
    await page.getByTestId('csv-preview').click();
    await page.getByTestId('csv-errors').waitFor();
    const summary = await page.getByTestId('csv-preview-summary').innerText();
    expect(summary).toBe('2 rows, all have errors: nothing to import.');
    expect(summary).not.toMatch(/to create/);
    expect(await page.getByTestId('csv-commit').isDisabled()).toBe(true);
    // The problem table names columns as people say them.
    const columns = await page.getByTestId('csv-error-row').locator('td:nth-child(2)').allInnerTexts();
    expect(columns).toEqual(expect.arrayContaining(['Expires', 'Kind']));
    await page.screenshot({ path: join(SCREENSHOTS, 'finding-13-csv-all-bad.png'), fullPage: true });

    // One good row and one bad: the good one is counted, the bad one is counted apart.
    await page.getByTestId('csv-text').fill([header, `${id},oauth-client-credential,HR sync,,,2099-01-01,,`, `${id},api-token,Bad date,,,2099-13-01,,`].join('\n'));
    await page.getByTestId('csv-preview').click();
    await expect.poll(() => page.getByTestId('csv-preview-summary').innerText()).toBe('2 rows: 1 row has errors; the 1 valid row would give 1 to create, 0 to update, 0 unchanged.');

    // Imported, the credential shows its kind and source in words, on the list and on the identity's page.
    await page.getByTestId('csv-text').fill([header, `${id},oauth-client-credential,HR sync,,,2099-01-01,,`].join('\n'));
    await page.getByTestId('csv-preview').click();
    await page.getByText('No problems found').waitFor();
    await page.getByTestId('csv-commit').click();
    await page.getByTestId('csv-done').waitFor();
    await page.getByTestId('credential-row').first().waitFor();
    const row = await page.getByTestId('credential-row').first().innerText();
    expect(row).toContain('OAuth client credential');
    expect(row).toContain('CSV import');
    const text = await page.locator('#root').innerText();
    for (const raw of RAW) expect(text, raw).not.toContain(raw);
    await page.getByTestId('credential-identity').first().click();
    await page.getByTestId('identity-detail').waitFor();
    await page.getByTestId('credential-row').first().waitFor();
    const detail = await page.locator('#root').innerText();
    for (const raw of RAW) expect(detail, raw).not.toContain(raw);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('finding 15: CSV template, names in the export, owner sort, bulk ownership', () => {
  it('downloads a template with the import columns and one example row', async () => {
    const { page, errors } = await open('/credentials');
    await page.getByTestId('csv-template').waitFor();
    const file = await downloaded(page, () => page.getByTestId('csv-template').click());
    expect(file.name).toBe('integration-credentials-template.csv');
    const lines = file.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('identity_account_id,kind,label,scopes,created,expires,last_used,owner_account_id');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.split(',')).toHaveLength(8);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports names beside the account ids', async () => {
    const target = identity(1);
    const owner = personaOf(personas, 'project-admin', 0);
    const backup = personaOf(personas, 'project-admin', 1);
    const current = await invoke<IdentityDetail>('identity/get', { accountId: target.accountId });
    await invoke('ownership/save', { accountId: target.accountId, baseVersion: current.version, ownership: { ownerAccountId: owner.accountId, backupAccountId: backup.accountId, team: '', purpose: '', runbookUrl: '', notes: '' } });
    await invoke('credentials/save', { accountId: target.accountId, baseVersion: 0, credential: { kind: 'api-token', label: 'Export check', scopes: [], createdAt: null, expiresAt: null, lastUsedAt: null, ownerAccountId: owner.accountId } });
    const { page, errors } = await open('/credentials');
    await page.getByTestId('credential-row').first().waitFor();
    const file = await downloaded(page, () => page.getByTestId('credentials-export').click());
    const [head, ...rows] = file.text.trim().split(/\r?\n/);
    const cols = head?.split(',') ?? [];
    expect(cols.slice(0, 2)).toEqual(['identity_account_id', 'identity_name']);
    const row = rows.map((r) => r.split(',')).find((r) => r.includes('Export check'));
    if (!row) throw new Error('the exported row is missing');
    const cell = (c: string) => row[cols.indexOf(c)];
    expect(cell('identity_name')).toBe(target.displayName);
    expect([cell('owner_account_id'), cell('owner_name')]).toEqual([owner.accountId, owner.displayName]);
    expect([cell('identity_owner_account_id'), cell('identity_owner_name')]).toEqual([owner.accountId, owner.displayName]);
    expect([cell('identity_backup_account_id'), cell('identity_backup_name')]).toEqual([backup.accountId, backup.displayName]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("sorts the Owner column by the owner's name, not the account id", async () => {
    // Two people whose account ids order one way and whose names order the other, as owners.
    const found = new Map<string, UserOption>();
    for (const q of ['a', 'e', 'i', 'o']) for (const u of await invoke<UserOption[]>('users/search', { query: q })) if (u.active) found.set(u.accountId, u);
    const people = [...found.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
    const pair = people.flatMap((p, i) => people.slice(i + 1).map((q) => [p, q] as const)).find(([p, q]) => p.displayName.localeCompare(q.displayName, undefined, { numeric: true }) > 0);
    if (!pair) throw new Error('no two people whose ids and names order differently');
    for (const [n, p] of pair.entries()) {
      const target = identity(2 + n);
      const current = await invoke<IdentityDetail>('identity/get', { accountId: target.accountId });
      await invoke('ownership/save', { accountId: target.accountId, baseVersion: current.version, ownership: { ownerAccountId: p.accountId, backupAccountId: null, team: '', purpose: '', runbookUrl: '', notes: '' } });
    }
    const { page, errors } = await open('/identities?sort=owner');
    await page.locator('[data-testid="identities-table"][aria-busy="false"]').waitFor();
    const owners = (await page.getByTestId('identity-row').locator('td:nth-child(6)').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== 'None');
    const distinct = owners.filter((o, i) => owners.indexOf(o) === i);
    expect(distinct).toEqual([...distinct].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
    // The later id comes first: sorted by name.
    expect(distinct.indexOf(pair[1].displayName)).toBeLessThan(distinct.indexOf(pair[0].displayName));
    expect(distinct.indexOf(pair[1].displayName)).toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sets owner, backup and team on selected identities from the keyboard, with a confirmation, and lists the one it could not save', async () => {
    const owner = personaOf(personas, 'project-admin', 1);
    const backup = personaOf(personas, 'project-admin', 0);
    const { page, errors } = await open('/identities?sort=-projectsTouched');
    await page.locator('[data-testid="identities-table"][aria-busy="false"]').waitFor();
    const rows = page.getByTestId('identity-row');
    const names = (await rows.getByTestId('open-identity').allInnerTexts()).slice(0, 3);
    // Select three rows with the keyboard (focus the check box, Space).
    for (let i = 0; i < 3; i++) {
      await rows.nth(i).getByTestId('select-identity').focus();
      await page.keyboard.press('Space');
    }
    await expect(page.getByTestId('bulk-count').innerText()).resolves.toBe('3 identities selected');
    // Someone else changes the third one after the list was loaded: that one must be reported, not overwritten.
    const third = identities.find((i) => i.displayName === names[2]) ?? (await invoke<IdentityList>('identities/list', { search: names[2] ?? '' })).items[0];
    if (!third) throw new Error('third identity missing');
    const current = await invoke<IdentityDetail>('identity/get', { accountId: third.accountId });
    await invoke('ownership/save', { accountId: third.accountId, baseVersion: current.version, ownership: { ownerAccountId: null, backupAccountId: null, purpose: '', runbookUrl: '', notes: '', ...current.ownership, team: 'Changed elsewhere' } });

    await page.getByTestId('bulk-open').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('bulk-dialog').waitFor();
    for (const [picker, person] of [
      ['bulk-owner', owner],
      ['bulk-backup', backup],
    ] as const) {
      await pickPersonByKeyboard(page, picker, person.displayName.split(' ')[0] ?? person.displayName, person.displayName);
    }
    await page.getByTestId('bulk-team-on').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('bulk-team').focus();
    await page.keyboard.type('Integrations');
    await page.getByTestId('bulk-review').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('bulk-confirm').waitFor();
    const confirm = await page.getByTestId('bulk-confirm').innerText();
    expect(confirm).toContain(`owner to ${owner.displayName}, backup to ${backup.displayName}, team to “Integrations”`);
    for (const n of names) expect(confirm).toContain(n);
    await page.screenshot({ path: join(SCREENSHOTS, 'bulk-ownership-confirm.png'), fullPage: true });
    await page.getByTestId('bulk-apply').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('bulk-failures').waitFor();
    const failures = await page.getByTestId('bulk-failure').allInnerTexts();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(names[2]);
    await page.locator('#forge-host-flags').getByText('Saved 2 of 3').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'bulk-ownership-result.png'), fullPage: true });
    await page.getByTestId('bulk-cancel').click();
    await expect(page.getByTestId('bulk-count').innerText()).resolves.toBe('1 identity selected');
    // The list shows the new owner on the saved rows.
    for (const n of names.slice(0, 2)) {
      const saved = page.getByTestId('identity-row').filter({ has: page.getByTestId('open-identity').getByText(n ?? '', { exact: true }) });
      await expect.poll(() => saved.locator('td:nth-child(6)').innerText()).toBe(owner.displayName);
    }
    // Saved: the first two now have the owner, backup and team; the third kept the other admin's change.
    for (const n of names.slice(0, 2)) {
      const id = identities.find((i) => i.displayName === n)?.accountId ?? '';
      const d = await invoke<IdentityDetail>('identity/get', { accountId: id });
      expect([d.ownership?.ownerAccountId, d.ownership?.backupAccountId, d.ownership?.team]).toEqual([owner.accountId, backup.accountId, 'Integrations']);
    }
    expect((await invoke<IdentityDetail>('identity/get', { accountId: third.accountId })).ownership?.team).toBe('Changed elsewhere');
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Views of the admin page, and what shows each is ready. */
function views(): Array<{ name: string; path: string; ready: string }> {
  const id = encodeURIComponent(identity(0).accountId);
  return [
    { name: 'overview', path: '/', ready: 'overview' },
    { name: 'identities', path: '/identities', ready: 'identities-table' },
    { name: 'identity', path: `/identities/${id}`, ready: 'projects-section' },
    { name: 'identity-access', path: `/identities/${id}?tab=access`, ready: 'access-section' },
    { name: 'identity-credentials', path: `/identities/${id}?tab=credentials`, ready: 'identity-detail' },
    { name: 'identity-ownership', path: `/identities/${id}?tab=ownership`, ready: 'ownership-section' },
    { name: 'credentials', path: '/credentials', ready: 'credentials-view' },
    { name: 'expiring', path: '/expiring', ready: 'page-title' },
    { name: 'heatmap', path: '/heatmap', ready: 'page-header' },
    { name: 'campaigns', path: '/campaigns', ready: 'campaign-start' },
    { name: 'settings', path: '/settings', ready: 'scan-settings-form' },
  ];
}

/** Visible buttons drawn in the brand's bold background (Atlaskit's primary appearance). */
const primaryButtons = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.background = 'var(--ds-background-brand-bold, #0C66E4)';
    document.body.appendChild(probe);
    const brand = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [...document.querySelectorAll('button, a[role="button"]')]
      .filter((b) => (b as HTMLElement).offsetParent !== null && getComputedStyle(b).backgroundColor === brand)
      .map((b) => (b as HTMLElement).innerText.trim());
  });

describe('finding 14: Atlaskit controls, lozenges, paging, tooltips, one primary button, breadcrumbs, one colour', () => {
  it('has no native dropdown or file input, breadcrumbs and at most one primary button on every view', async () => {
    const problems: string[] = [];
    // One page loads every view in turn (each by its address).
    let opened: OpenedPage | null = null;
    for (const v of views()) {
      if (opened) await reopen(opened, app.baseUrl, at(v.path));
      else opened = await open(v.path);
      const { page, errors } = opened;
      await page.getByTestId(v.ready).first().waitFor({ timeout: 60_000 });
      const selects = await page.locator('select').count();
      const files = await page.locator('input[type="file"]:visible').count();
      if (selects > 0) problems.push(`${v.name}: ${selects} native <select>`);
      if (files > 0) problems.push(`${v.name}: a visible native file input`);
      if ((await page.getByTestId('breadcrumbs').count()) !== 1) problems.push(`${v.name}: no breadcrumbs`);
      const primary = await primaryButtons(page);
      if (primary.length > 1) problems.push(`${v.name}: ${primary.length} primary buttons (${primary.join(', ')})`);
      if (errors.length) problems.push(`${v.name}: ${errors.join('; ')}`);
    }
    await opened?.page.close();
    expect(problems).toEqual([]);
  });

  it('draws lozenges at the width of their text, with "+N more" risks in a tooltip', async () => {
    const { page, errors } = await open('/identities');
    await page.locator('[data-testid="identities-table"][aria-busy="false"]').waitFor();
    const slack = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="risk-lozenge"], [data-testid="expiry-lozenge"]')].map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return Math.round(el.getBoundingClientRect().width - range.getBoundingClientRect().width);
      }),
    );
    expect(slack.length).toBeGreaterThan(0);
    // Padding only (Atlaskit draws 4 px a side); a stretched lozenge would have its column's width to spare.
    expect(Math.max(...slack)).toBeLessThan(24);
    const more = page.getByTestId('more-risks').first();
    await more.waitFor();
    const count = Number(/\+(\d+) more/.exec(await more.innerText())?.[1] ?? '0');
    await more.focus();
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    expect((await tip.innerText()).split(', ')).toHaveLength(count);
    await page.screenshot({ path: join(SCREENSHOTS, 'finding-14-more-risks-tooltip.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pages long lists with numbered pages (Atlaskit Pagination), not Previous/Next only', async () => {
    // 30 credentials over two identities: more than one page of the credentials list (25 a page).
    const header = 'identity_account_id,kind,label,scopes,created,expires,last_used,owner_account_id';
    const lines = Array.from({ length: 30 }, (_, i) => `${identity(i % 2).accountId},api-token,Paging check ${i + 1},,,2099-01-${String((i % 28) + 1).padStart(2, '0')},,`);
    await invoke('credentials/import', { csv: [header, ...lines].join('\n'), mode: 'commit' });
    const { page, errors } = await open('/credentials');
    await page.getByTestId('credential-row').first().waitFor();
    expect(await page.getByTestId('credential-row').count()).toBe(25);
    const pages = page.getByRole('navigation', { name: /pagination/i });
    await pages.getByRole('button', { name: /2/ }).click();
    await expect.poll(() => page.getByTestId('credential-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('credential-row').count()).toBeLessThan(25);
    await page.screenshot({ path: join(SCREENSHOTS, 'finding-14-credentials-page-2.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows "Unused access" in one colour on the identity page and the project page', async () => {
    const colour = (page: Page) => page.getByTestId('unused-access').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    const withUnused = (await invoke<IdentityList>('identities/list', { sort: { field: 'projectsTouched', direction: 'desc' }, limit: 200 })).items.find((i) => i.unusedAccessProjects > 0);
    if (!withUnused) throw new Error('the demo site should have an identity with unused access');
    const detail = await open(`/identities/${encodeURIComponent(withUnused.accountId)}?tab=access`);
    await detail.page.getByTestId('unused-access').first().waitFor();
    const onDetail = await colour(detail.page);
    const full = await invoke<IdentityDetail>('identity/get', { accountId: withUnused.accountId });
    const idleProject = full.projects.find((p) => p.unusedAccess)?.projectKey;
    await detail.page.close();
    const project = await openPage(browser, app.baseUrl, `/project/${idleProject}?as=${encodeURIComponent(admin)}`, { width: 1440, height: 900 });
    await project.page.getByTestId('project-page').waitFor();
    const show = project.page.getByTestId('toggle-idle');
    if (await show.count()) await show.click();
    await project.page.getByTestId('unused-access').first().waitFor();
    expect(await colour(project.page)).toBe(onDetail);
    await project.page.screenshot({ path: join(SCREENSHOTS, 'finding-14-unused-access-project.png'), fullPage: true });
    expect(project.errors).toEqual([]);
    await project.page.close();
  });
});

describe('findings 2, 5, 11 and 12 on the demo site', () => {
  it('finding 2: the identity with the most access gets a short page: projects first, unused access summarised and paged', async () => {
    const widest = (await invoke<IdentityList>('identities/list', { limit: 200 })).items.sort((a, b) => b.projectsTouched + b.unusedAccessProjects - (a.projectsTouched + a.unusedAccessProjects))[0];
    if (!widest) throw new Error('no identity');
    const { page, errors } = await open(`/identities/${encodeURIComponent(widest.accountId)}`);
    await page.getByTestId('projects-section').waitFor();
    // Projects touched lead; the other sections are tabs, one click away, not below a long list.
    expect(await page.getByTestId('access-section').count()).toBe(0);
    await page.getByTestId('tab-access').click();
    await page.getByTestId('access-section').waitFor();
    expect(await page.getByTestId('access-summary').innerText()).toMatch(/unused/i);
    expect(await page.getByTestId('access-row').count()).toBeLessThanOrEqual(20);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(3_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finding 5: one click from the overview's expiry count to whom to call: avatar, email, profile, runbook link", async () => {
    const target = identity(5);
    const owner = personaOf(personas, 'project-admin', 0);
    const backup = personaOf(personas, 'project-admin', 1);
    const current = await invoke<IdentityDetail>('identity/get', { accountId: target.accountId });
    await invoke('ownership/save', { accountId: target.accountId, baseVersion: current.version, ownership: { ownerAccountId: owner.accountId, backupAccountId: backup.accountId, team: 'Night shift', purpose: '', runbookUrl: 'https://wiki.example.com/runbooks/tonight', notes: '' } });
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await invoke('credentials/save', { accountId: target.accountId, baseVersion: current.credentialsVersion, credential: { kind: 'api-token', label: 'Tonight token', scopes: [], createdAt: null, expiresAt: soon, lastUsedAt: null, ownerAccountId: null } });
    const { page, errors } = await open('/');
    await page.getByTestId('overview-tier-critical').click();
    const row = page.getByTestId('expiring-row').filter({ hasText: 'Tonight token' });
    await row.waitFor();
    const text = await row.innerText();
    for (const part of [target.displayName, owner.displayName, backup.displayName]) expect(text).toContain(part);
    expect(await row.getByTestId('expiring-runbook').count()).toBe(1);
    const avatar = row.getByTestId('person-avatar--image').first();
    await avatar.waitFor();
    await expect.poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await row.getByTestId('person-email').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'finding-5-expiring-tonight.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finding 11: the project page and the admin page write the same moment the same way', async () => {
    const admin = await open('/');
    const last = (await admin.page.getByTestId('last-scan').innerText()).replace(/^Last completed /, '').replace(/;.*$/, '');
    await admin.page.close();
    const key = (await invoke<IdentityDetail>('identity/get', { accountId: identity(0).accountId })).projects[0]?.projectKey ?? 'AND';
    const project = await openPage(browser, app.baseUrl, `/project/${key}?as=${encodeURIComponent(personaOf(personas, 'site-admin').accountId)}`, { width: 1440, height: 900 });
    const scanned = await project.page.getByTestId('scanned-at').innerText();
    expect(scanned).toBe(last);
    expect(project.errors).toEqual([]);
    await project.page.close();
  });

  it('finding 12: the person picker tells people apart by email and avatar', async () => {
    const { page, errors } = await open(`/identities/${encodeURIComponent(identity(6).accountId)}?tab=ownership`);
    await page.getByTestId('ownership-section').waitFor();
    await page.getByTestId('owner-picker').getByRole('combobox').fill('Project');
    const option = page.getByTestId('owner-picker').getByRole('option').first();
    await option.waitFor();
    expect(await option.innerText()).toMatch(/@example\.com|email hidden/);
    await expect.poll(() => option.getByTestId('picker-avatar--image').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('scan panel', () => {
  it('cancels a running scan with its Cancel button', async () => {
    // Slow the simulated site down so that the scan is still running when Cancel is pressed.
    await postJson(app.baseUrl, '/dev/sim/faults', { path: '.*', status: 200, count: null, latencyMs: 150 });
    try {
      const { page, errors } = await open('/');
      await page.getByTestId('scan-now').click();
      await page.getByTestId('scan-cancel').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'scan-running-cancel.png'), fullPage: true });
      await page.getByTestId('scan-cancel').click();
      await expect.poll(() => page.getByTestId('scan-state').innerText(), { timeout: 30_000 }).toMatch(/cancelled/i);
      expect(await page.getByTestId('scan-cancel').count()).toBe(0);
      expect((await invoke<ScanStatus>('scan/status', {})).state).toBe('cancelled');
      // The pages keep showing the last complete scan.
      await expect(page.getByTestId('last-scan').innerText()).resolves.toMatch(/Last completed/);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await fetch(`${app.baseUrl}/dev/sim/faults`, { method: 'DELETE' });
    }
  });
});
