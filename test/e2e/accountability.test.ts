import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { CampaignDetail, CampaignSummary, Envelope, ScanStatus } from '../../src/contract';
import { launchBrowser, openPage, SCREENSHOTS, QUICK_SCANS, startApp, type RunningApp, type TestBrowser } from './support';

/**
 * Issue 13 end to end: an admin starts a campaign in the admin page; the owner persona opens the
 * link from their Jira work item, answers on "My integrations", and the answer shows in the
 * campaign. A deactivated owner yields exactly one handover issue for the backup.
 */
let app: RunningApp;
let browser: TestBrowser;
let personas: Array<Persona & { owns: string[] }>;
let admin: string;
let owner: Persona & { owns: string[] };

const JSON_HEADERS = { 'content-type': 'application/json' };
async function post<T>(path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { ...JSON_HEADERS, origin: app.baseUrl }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
async function must<T>(functionKey: string, payload: unknown = {}): Promise<T> {
  const answer = await post<Envelope<T>>('/dev/invoke', { as: admin, moduleKey: 'admin-page', functionKey, payload });
  if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}
async function search(jql: string): Promise<Array<{ key: string; fields: { assignee: { accountId: string } | null } }>> {
  const body = await post<{ issues: Array<{ key: string; fields: { assignee: { accountId: string } | null } }> }>('/sim/jira/rest/api/3/search/jql', { jql, fields: ['assignee', 'summary'] });
  return body.issues;
}

beforeAll(async () => {
  app = await startApp({ ...QUICK_SCANS, SCAN_RETRY_BASE_MS: '20' });
  browser = await launchBrowser();
  personas = (await (await fetch(`${app.baseUrl}/dev/personas`)).json()) as typeof personas;
  admin = personas.find((p) => p.role === 'site-admin')?.accountId as string;
  const found = personas.find((p) => p.role === 'user' && p.owns.length > 0);
  if (!found) throw new Error('the demo site should have an owner persona (role user, owns an identity)');
  owner = found;
  await must<ScanStatus>('scan/start');
  for (let i = 0; i < 600; i++) {
    const status = await must<ScanStatus>('scan/status');
    if (status.state === 'idle' && status.lastCompletedAt) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await must('reminders/save', { projectKey: 'AND', issueTypeId: null });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('accountability loop in Chromium', () => {
  let campaign: CampaignSummary;

  it('an admin starts a campaign on the admin page', async () => {
    const { page, errors } = await openPage(browser, app.baseUrl, `/admin?as=${encodeURIComponent(admin)}`);
    await page.getByTestId('nav-campaigns').click();
    const form = page.getByTestId('campaign-start');
    await form.getByLabel('Name').fill('Winter review');
    await form.getByLabel('Jira project for the work items (key)').fill('AND');
    await form.getByRole('button', { name: 'Start campaign' }).click();
    await page.getByTestId('campaign-detail').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('campaign-progress').innerText()).resolves.toMatch(/^0 of \d+ answered/);
    await page.screenshot({ path: join(SCREENSHOTS, 'campaign-started.png') });
    expect(errors).toEqual([]);
    await page.close();
    campaign = (await must<CampaignSummary[]>('campaigns/list'))[0] as CampaignSummary;
    expect(campaign.name).toBe('Winter review');
  });

  it('the owner opens the link in their Jira work item and answers on "My integrations"; the campaign shows it', async () => {
    const detail = await must<CampaignDetail>('campaigns/get', { id: campaign.id });
    const task = detail.owners.find((o) => o.ownerAccountId === owner.accountId);
    expect(task?.issueKey).toMatch(/^AND-\d+$/);
    const issue = (await (await fetch(`${app.baseUrl}/sim/jira/rest/api/3/issue/${task?.issueKey}?fields=description,assignee`)).json()) as { fields: { description: unknown; assignee: { accountId: string } } };
    expect(issue.fields.assignee.accountId).toBe(owner.accountId);
    const link = /https:\/\/[^\s"]+\/jira\/apps\/[^\s"]+\/attestations\/c[a-z0-9]+/.exec(JSON.stringify(issue.fields.description))?.[0];
    expect(link).toBeDefined();
    const local = `${new URL(link as string).pathname}?as=${encodeURIComponent(owner.accountId)}`;
    const { page, errors } = await openPage(browser, app.baseUrl, local);
    expect(new URL(page.url()).pathname).toBe(`/my/attestations/${campaign.id}`);
    const card = page.locator(`[data-testid="attestation"][data-campaign="${campaign.id}"]`);
    await card.waitFor();
    const item = card.getByTestId('attestation-item').filter({ hasText: '' }).first();
    await item.getByRole('button', { name: 'Still needed' }).click();
    await item.getByTestId('answered').waitFor();
    await expect(item.getByTestId('answered').innerText()).resolves.toMatch(/^Answered still needed by the owner/);
    await expect(page.getByTestId('my-record').first().innerText()).resolves.toContain('You own it');
    await page.screenshot({ path: join(SCREENSHOTS, 'my-integrations.png') });
    expect(errors).toEqual([]);
    await page.close();

    const admin = await openPage(browser, app.baseUrl, `/admin?as=${encodeURIComponent(personas.find((p) => p.role === 'site-admin')?.accountId as string)}`);
    await admin.page.getByTestId('nav-campaigns').click();
    await admin.page.getByTestId('campaign-list').getByRole('button', { name: 'Open' }).first().click();
    await admin.page.getByTestId('campaign-detail').waitFor();
    await expect(admin.page.getByTestId('campaign-progress').innerText()).resolves.toMatch(/^1 of \d+ answered/);
    await expect(admin.page.getByTestId('campaign-items').innerText()).resolves.toContain('Still needed');
    expect(admin.errors).toEqual([]);
    await admin.page.close();
  });

  it('a deactivated owner yields exactly one handover issue for the backup, and none more on a second run', async () => {
    const identity = owner.owns[0] as string;
    const backup = personas.find((p) => p.role === 'project-admin') as Persona; // the demo record's backup (dev/host/personas.ts)
    const jql = `issue.property[integration-registry].workItem = "handover:${identity}:${owner.accountId}"`;
    expect(await search(jql)).toEqual([]);
    await post(`/dev/sim/users/${encodeURIComponent(owner.accountId)}/deactivate`);
    await post('/dev/triggers/daily-trigger');
    const first = await search(jql);
    expect(first).toHaveLength(1);
    expect(first[0]?.fields.assignee?.accountId).toBe(backup.accountId);
    await post('/dev/triggers/daily-trigger');
    expect(await search(jql)).toHaveLength(1);
    const mine = await post<Envelope<Array<{ accountId: string; role: string; risks: Array<{ code: string }> }>>>('/dev/invoke', { as: backup.accountId, moduleKey: 'my-integrations', functionKey: 'my/integrations', payload: {} });
    expect(mine.ok && mine.data.find((r) => r.accountId === identity)).toMatchObject({ role: 'backup', risks: expect.arrayContaining([expect.objectContaining({ code: 'orphaned' })]) });
  });
});
