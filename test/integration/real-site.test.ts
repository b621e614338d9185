import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as backend from '../../src/index';
import { readConfig } from '../../dev/host/config';
import { devInvoke } from '../../dev/host/dev-invoke';
import { createHost, type Host } from '../../dev/host/host';
import { join } from 'node:path';
import { ROOT } from '../support/host';

/** A stand-in for a real Jira site: answers the calls me/get makes and records what it was sent. */
const seen: Array<{ method: string; url: string; authorization: string | undefined }> = [];
let server: Server;
let baseUrl: string;
let host: Host;

function answer(req: IncomingMessage): { status: number; body: unknown } {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/rest/api/3/myself') return { status: 200, body: { accountId: 'real-user-1', displayName: 'Real Admin', active: true } };
  if (url.pathname === '/rest/api/3/mypermissions') {
    return { status: 200, body: { permissions: { ADMINISTER: { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', description: '', havePermission: true } } } };
  }
  return { status: 404, body: { errorMessages: ['Not here'], errors: {} } };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    const { status, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = readConfig({ JIRA_BASE_URL: baseUrl, JIRA_EMAIL: 'me@example.com', JIRA_API_TOKEN: 'token-value-for-test', DATA_DIR: ':memory:' });
  host = createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir: ':memory:', site: 'demo', ...(config.realSite ? { realSite: config.realSite } : {}) });
});
afterAll(async () => {
  host.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('real-site mode (JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN)', () => {
  it('says so and turns the simulated site off', () => {
    expect(host.jira.mode).toBe('real');
    expect(host.jira.describe()).toContain(baseUrl);
    expect(host.sim).toBeNull();
  });

  it('sends resolver calls to the site with basic auth and gets real answers', async () => {
    const answer = await devInvoke(host, { as: 'real-user-1', moduleKey: 'admin-page', functionKey: 'me/get', payload: {} });
    expect(answer).toMatchObject({ ok: true, data: { displayName: 'Real Admin', isJiraAdmin: true } });
    const expected = `Basic ${Buffer.from('me@example.com:token-value-for-test').toString('base64')}`;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.authorization === expected)).toBe(true);
  });

  it('never sends a write', async () => {
    const before = seen.length;
    const response = await host.jira.handle({ method: 'PUT', path: '/rest/api/3/issue/ABC-1', query: new URLSearchParams(), body: { fields: {} }, caller: { kind: 'app' } });
    expect(response.status).toBe(405);
    expect(seen.length).toBe(before);
  });

  it('needs all three settings, and a URL', () => {
    expect(() => readConfig({ JIRA_BASE_URL: baseUrl })).toThrow(/all three/);
    expect(() => readConfig({ JIRA_BASE_URL: 'not a url', JIRA_EMAIL: 'a', JIRA_API_TOKEN: 'b' })).toThrow(/not a URL/);
  });
});
