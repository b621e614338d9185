/**
 * The local host refuses to be driven by other web pages, runs once per DATA_DIR, and refuses data
 * files it did not write (issue 11, item 6). The HTTP checks run against the real server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as backend from '../../src/index';
import { DataDirLockedError } from '../../dev/host/data-dir-lock';
import { createHost, type Host } from '../../dev/host/host';
import { DataFileError } from '../../dev/host/kvs';
import { HostDataFileError } from '../../dev/host/sqlite-file';
import { ROOT, persona } from '../support/host';
import { send, startServedHost } from '../support/http';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'host-hardening-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const hostOn = (dataDir: string) => createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir, site: 'demo' });

describe('HTTP: only loopback requests from the host’s own pages', () => {
  let served: Awaited<ReturnType<typeof startServedHost>>;
  let host: Host;
  let port: number;
  let own: string;
  let invokeBody: string;
  beforeAll(async () => {
    served = await startServedHost();
    ({ host, port } = served);
    own = `127.0.0.1:${port}`;
    invokeBody = JSON.stringify({ as: persona(host, 'site-admin').accountId, moduleKey: 'admin-page', functionKey: 'me/get', payload: {} });
  });
  afterAll(() => served.close());

  it.each([
    ['a DNS-rebinding Host', 'GET', '/dev/personas', { host: 'evil.example:8080' }, 403, /addressed to localhost only/],
    ['a LAN address as Host', 'GET', '/admin', { host: '192.168.1.20:8080' }, 403, /addressed to localhost only/],
    ['another origin (a cors fetch)', 'GET', '/dev/personas', { origin: 'http://evil.example' }, 403, /from http:\/\/evil\.example may not use/],
    ['an opaque origin (sandboxed frame, file://)', 'GET', '/dev/personas', { origin: 'null' }, 403, /from null may not use/],
    ['another port of localhost', 'GET', '/dev/personas', { origin: 'http://127.0.0.1:1' }, 403, /may not use/],
  ])('refuses %s', async (_what, method, path, headers, status, message) => {
    const h: Record<string, string> = { host: own, ...headers };
    const answer = await send(port, method, path, h);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(message) });
  });

  it('refuses the no-cors text/plain POST any web page can send, before any resolver runs', async () => {
    const calls: string[] = [];
    const saved = host.functions.invokeResolver.bind(host.functions);
    host.functions.invokeResolver = async (call) => {
      calls.push(call.functionKey);
      return saved(call);
    };
    try {
      const fromPage = await send(port, 'POST', '/dev/invoke', { host: own, origin: 'http://evil.example', 'content-type': 'text/plain;charset=UTF-8' }, invokeBody);
      expect(fromPage.status).toBe(403);
      // Even without an Origin (curl, or a browser that strips it), a body must be declared JSON.
      const plain = await send(port, 'POST', '/dev/invoke', { host: own, 'content-type': 'text/plain;charset=UTF-8' }, invokeBody);
      expect(plain.status).toBe(415);
      expect(JSON.parse(plain.body)).toEqual({ error: expect.stringMatching(/content-type: application\/json/) });
      const form = await send(port, 'POST', '/dev/invoke', { host: own, 'content-type': 'application/x-www-form-urlencoded' }, invokeBody);
      expect(form.status).toBe(415);
      const bare = await send(port, 'POST', '/dev/triggers/daily-trigger', { host: own, origin: 'http://evil.example' });
      expect(bare.status).toBe(403);
      expect(calls).toEqual([]);
    } finally {
      host.functions.invokeResolver = saved;
    }
  });

  it('answers its own pages (same Origin), tools without an Origin, and localhost by name', async () => {
    const fromOwnPage = await send(port, 'POST', '/dev/invoke', { host: own, origin: `http://${own}`, 'content-type': 'application/json' }, invokeBody);
    expect(fromOwnPage.status).toBe(200);
    expect(JSON.parse(fromOwnPage.body)).toMatchObject({ ok: true, data: { isJiraAdmin: true } });
    const tool = await send(port, 'POST', '/dev/invoke', { host: own, 'content-type': 'application/json; charset=utf-8' }, invokeBody);
    expect(tool.status).toBe(200);
    const byName = await send(port, 'GET', '/dev/personas', { host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(byName.status).toBe(200);
    const page = await send(port, 'GET', '/admin', { host: own });
    expect(page.status).toBe(200);
  });
});

describe('one host per DATA_DIR', () => {
  it('refuses a second host on the same folder with a message naming the first, and starts once it is closed', () => {
    const dir = tempDir();
    const first = hostOn(dir);
    try {
      expect(() => hostOn(dir)).toThrow(DataDirLockedError);
      expect(() => hostOn(dir)).toThrow(new RegExp(`Another local host is already running on DATA_DIR .*process ${process.pid}`));
    } finally {
      first.close();
    }
    hostOn(dir).close();
  });

  it('is not blocked by a host that was killed with SIGKILL', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'hold-data-dir.ts'), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      child.on('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
    });
    expect(() => hostOn(dir)).toThrow(new RegExp(`process ${child.pid}`));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    hostOn(dir).close(); // the stale host.pid is left behind, and does not matter
  }, 30_000);
});

describe('data files the host did not write stop start-up', () => {
  it.each([
    ['an empty kvs.sqlite', 'kvs.sqlite', (f: string) => writeFileSync(f, ''), DataFileError, /kvs\.sqlite .*empty file \(0 bytes\).*every record would be gone/],
    ['a kvs.sqlite from another program', 'kvs.sqlite', (f: string) => new Database(f).exec('CREATE TABLE users (id INTEGER)').close(), DataFileError, /not a local KVS store/],
    ['an empty events.sqlite', 'events.sqlite', (f: string) => writeFileSync(f, ''), HostDataFileError, /events\.sqlite .*empty file/],
    ['an events.sqlite from another program', 'events.sqlite', (f: string) => new Database(f).exec('CREATE TABLE users (id INTEGER)').close(), HostDataFileError, /another program's SQLite database \(tables: users\)/],
  ])('%s', (_what, name, make, type, message) => {
    const dir = tempDir();
    if (name === 'events.sqlite') hostOn(dir).close(); // a good store beside the bad queue file
    rmSync(join(dir, name), { force: true });
    rmSync(join(dir, `${name}-wal`), { force: true });
    rmSync(join(dir, `${name}-shm`), { force: true });
    make(join(dir, name));
    expect(() => hostOn(dir)).toThrow(type);
    expect(() => hostOn(dir)).toThrow(message);
    // The refusal released the folder's lock and changed nothing: the file is still there, as it was.
    expect(() => hostOn(dir)).toThrow(type);
  });

  it('creates both files in a new folder and reopens them', () => {
    const dir = tempDir();
    hostOn(dir).close();
    hostOn(dir).close();
  });
});
