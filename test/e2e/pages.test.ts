import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import { launchBrowser, openPage, personaOf, postJson, SCREENSHOTS, startApp, type RunningApp, type TestBrowser } from './support';

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
const open = (path: string) => openPage(browser, app.baseUrl, path);

describe('the real built Custom UI through the real bridge and resolver', () => {
  it('prints the URLs and the personas at start-up', () => {
    expect(app.output()).toMatch(/Pages: +http:\/\/127\.0\.0\.1:\d+\/admin/);
    for (const p of personas) expect(app.output()).toContain(p.displayName);
  });

  it('shows the site admin the admin page with me/get data', async () => {
    const admin = byRole('site-admin');
    const { page, errors } = await open(`/admin?as=${encodeURIComponent(admin.accountId)}`);
    await page.getByTestId('admin-page').waitFor();
    await expect(page.getByTestId('signed-in-as').innerText()).resolves.toContain(admin.displayName);
    expect(await page.evaluate(() => (window as unknown as { __forgeHost: { invocations: number } }).__forgeHost.invocations)).toBeGreaterThan(0);
    expect(await page.getAttribute('html', 'data-color-mode')).toBe('light');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-site-admin.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a plain user the no-access page and no data', async () => {
    const user = byRole('user');
    const { page } = await open(`/admin?as=${encodeURIComponent(user.accountId)}`);
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('admin-page').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-plain-user.png'), fullPage: true });
    await page.close();
  });

  it("opens a project admin's own project page, and refuses another project's", async () => {
    const a = byRole('project-admin', 0);
    const b = byRole('project-admin', 1);
    const own = await open(`/project/${a.projects[0]}?as=${encodeURIComponent(a.accountId)}`);
    await own.page.getByTestId('project-page').waitFor();
    await own.page.screenshot({ path: join(SCREENSHOTS, 'project-own.png'), fullPage: true });
    await own.page.close();
    const other = await open(`/project/${b.projects[0]}?as=${encodeURIComponent(a.accountId)}`);
    await other.page.getByTestId('no-access').waitFor();
    await other.page.close();
  });

  it('follows the dark theme with design tokens applied', async () => {
    const admin = byRole('site-admin');
    const { page } = await open(`/admin?as=${encodeURIComponent(admin.accountId)}&theme=dark`);
    await page.getByTestId('admin-page').waitFor();
    expect(await page.getAttribute('html', 'data-color-mode')).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim());
    expect(background).not.toBe('');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-dark.png'), fullPage: true });
    await page.close();
  });

  it('answers /dev/invoke like the bridge, and refuses a malformed call with a clear message', async () => {
    const admin = byRole('site-admin');
    const ok = await postJson(app.baseUrl, '/dev/invoke', { as: admin.accountId, moduleKey: 'admin-page', functionKey: 'me/get', payload: {} });
    expect(await ok.json()).toMatchObject({ ok: true, data: { isJiraAdmin: true } });
    const bad = await postJson(app.baseUrl, '/dev/invoke', { moduleKey: 'nope', functionKey: 'me/get' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/moduleKey/) });
  });

  it('serves the simulated site under /sim/jira/ with Jira paths', async () => {
    const res = await fetch(`${app.baseUrl}/sim/jira/rest/api/3/project/search?maxResults=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(await res.json()).toMatchObject({ values: expect.any(Array) });
  });
});
