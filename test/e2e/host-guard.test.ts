/**
 * A web page open in the same browser cannot drive the local host (issue 11, item 6): Chromium on
 * another origin tries what any page can (a no-cors text/plain POST, a JSON fetch that needs a
 * preflight, a form post); none of it reaches a resolver, while the host's own pages still work.
 * Also: a non-loopback HOST warns, and a second `npm start` on the same DATA_DIR stops with a message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persona } from '../../dev/host/host';
import type { Envelope } from '../../src/contract';
import { ROOT } from '../support/host';
import { launchBrowser, personaOf, postJson, startApp, type RunningApp, type TestBrowser } from './support';

let app: RunningApp;
let browser: TestBrowser;
let evil: Server;
let evilOrigin: string;
let personas: Persona[];
const dataDir = mkdtempSync(join(tmpdir(), 'registry-guard-'));

beforeAll(async () => {
  app = await startApp({ HOST: '0.0.0.0', DATA_DIR: dataDir });
  browser = await launchBrowser();
  personas = (await (await fetch(`${app.baseUrl}/dev/personas`)).json()) as Persona[];
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Some other site</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilOrigin = `http://127.0.0.1:${(evil.address() as { port: number }).port}`;
});

afterAll(async () => {
  await browser?.close();
  evil?.close();
  await app?.stop();
});

describe('the local host and other web pages', () => {
  it('warns at start-up that HOST is not loopback, and prints a localhost URL', () => {
    expect(app.output()).toMatch(/Warning: HOST=0\.0\.0\.0 is not a loopback address/);
    expect(app.baseUrl).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('refuses every request another page sends, and nothing is saved', async () => {
    const admin = personaOf(personas, 'site-admin').accountId;
    const target = personaOf(personas, 'user').accountId;
    const save = { as: admin, moduleKey: 'admin-page', functionKey: 'ownership/save', payload: { accountId: target, baseVersion: 0, ownership: { ownerAccountId: null, backupAccountId: null, team: 'Attacker', purpose: '', runbookUrl: '', notes: '' } } };
    const page = await browser.newPage();
    await page.goto(evilOrigin);
    const outcomes = await page.evaluate(
      async ({ base, body }) => {
        const out: string[] = [];
        // 1. The classic: no-cors, text/plain, no preflight; the answer is opaque but the request is sent.
        await fetch(`${base}/dev/invoke`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).then(
          (r) => out.push(`no-cors:${r.type}`),
          (e: Error) => out.push(`no-cors:error ${e.message}`),
        );
        // 2. A JSON fetch: needs a preflight, which the host never grants.
        await fetch(`${base}/dev/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
          (r) => out.push(`cors:${r.status}`),
          () => out.push('cors:blocked'),
        );
        // 3. A form post (text/plain encoding) into a hidden frame.
        const frame = document.createElement('iframe');
        frame.name = 'sink';
        document.body.appendChild(frame);
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = `${base}/dev/invoke`;
        form.enctype = 'text/plain';
        form.target = 'sink';
        const input = document.createElement('input');
        input.name = body.slice(0, -1);
        input.value = '}';
        form.appendChild(input);
        document.body.appendChild(form);
        const loaded = new Promise((resolve) => (frame.onload = resolve));
        form.submit();
        await Promise.race([loaded, new Promise((r) => setTimeout(r, 5000))]);
        out.push('form:sent');
        return out;
      },
      { base: app.baseUrl, body: JSON.stringify(save) },
    );
    expect(outcomes).toEqual(['no-cors:opaque', 'cors:blocked', 'form:sent']);
    await page.close();
    // Had any of them run, version 1 would exist and this save from version 0 would be a CONFLICT.
    const answer = (await (await postJson(app.baseUrl, '/dev/invoke', save)).json()) as Envelope<{ version: number }>;
    expect(answer).toEqual({ ok: true, data: { version: 1 } });
  });

  it("still answers the host's own page (same origin) and its bridge", async () => {
    const admin = personaOf(personas, 'site-admin').accountId;
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/admin?as=${encodeURIComponent(admin)}`);
    const answer = await page.evaluate(async (as) => {
      const r = await fetch('/dev/invoke', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, moduleKey: 'admin-page', functionKey: 'me/get', payload: {} }) });
      return (await r.json()) as unknown;
    }, admin);
    expect(answer).toMatchObject({ ok: true, data: { isJiraAdmin: true } });
    await page.close();
  });

  it('a second npm start on the same DATA_DIR stops with a message', () => {
    const r = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: dataDir }, encoding: 'utf8', timeout: 240_000 });
    expect(r.status).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/Another local host is already running on DATA_DIR .*registry-guard-/);
  });

  it('an empty kvs.sqlite stops start-up with a message instead of starting with every record gone', () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'registry-empty-'));
    writeFileSync(join(emptyDir, 'kvs.sqlite'), '');
    const r = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: emptyDir }, encoding: 'utf8', timeout: 240_000 });
    expect(r.status).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/kvs\.sqlite cannot be used: it is an empty file/);
  });
});
