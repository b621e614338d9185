/** The local KVS file: data survives close/reopen; an unusable file is a clear DataFileError. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { kvs, MetadataField } from '@forge/kvs';
import { DataFileError, KvsStore, toFetchResponse, type EntityDefinition } from '../../dev/host/kvs';

const entities: EntityDefinition[] = [{ name: 'note', attributes: { text: { type: 'string' }, version: { type: 'integer' } }, indexes: ['version'] }];
type ForgeFetch = (target: unknown, path: string, init: { body: string }) => Promise<Response>;
const g = globalThis as unknown as { __forge_fetch__?: ForgeFetch };

let dir: string;
let store: KvsStore | undefined;
let now = Date.UTC(2026, 0, 1);

function use(s: KvsStore): KvsStore {
  store = s;
  g.__forge_fetch__ = async (_t, path, init) => toFetchResponse(s.handle(path, JSON.parse(init.body)));
  return s;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kvs-file-'));
  now = Date.UTC(2026, 0, 1);
});

afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('KVS data file', () => {
  it('keeps keys, secrets, entities, metadata and TTLs across close and reopen', async () => {
    const file = join(dir, 'nested', 'kvs.sqlite'); // the folder is created
    use(KvsStore.open(file, { entities, now: () => now }));
    await kvs.set('a', { n: 1 });
    await kvs.setSecret('s', 'secret');
    await kvs.entity('note').set('n1', { text: 'hello', version: 3 });
    await kvs.set('ttl', 'v', { ttl: { value: 1, unit: 'HOURS' } });
    const created = now;
    store?.close();

    now += 10_000;
    use(KvsStore.open(file, { entities, now: () => now }));
    expect(await kvs.get('a', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'a', value: { n: 1 }, createdAt: created });
    expect(await kvs.getSecret('s')).toBe('secret');
    expect(await kvs.entity('note').get('n1')).toEqual({ text: 'hello', version: 3 });
    expect(await kvs.get('ttl')).toBe('v');
    store?.close();

    now += 3_600_000; // past the TTL: gone, and purged from the file on open
    use(KvsStore.open(file, { entities, now: () => now }));
    expect(await kvs.get('ttl')).toBeUndefined();
    const { results } = await kvs.query().getMany();
    expect(results.map((r) => r.key)).toEqual(['a']);
  });

  it('refuses a file that is not SQLite with a DataFileError naming the file and the fix', () => {
    const file = join(dir, 'kvs.sqlite');
    writeFileSync(file, 'this is not a database, just some text that is long enough to look like a header');
    let err: unknown;
    try {
      KvsStore.open(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFileError);
    const message = (err as Error).message;
    expect(message).toContain(file);
    expect(message).toMatch(/not a readable SQLite database/);
    expect(message).toMatch(/Move it .* or delete it/);
  });

  it('refuses a damaged SQLite file', () => {
    const file = join(dir, 'kvs.sqlite');
    const s = KvsStore.open(file);
    for (let i = 0; i < 300; i++) s.handle('/api/v1/set', { key: `k${i}`, value: 'x'.repeat(500) });
    s.close();
    const bytes = readFileSync(file);
    expect(statSync(file).size).toBeGreaterThan(8192);
    bytes.fill(0xab, 4096, bytes.length - 4096); // overwrite the middle pages
    writeFileSync(file, bytes);
    expect(() => KvsStore.open(file)).toThrow(DataFileError);
  });

  it('refuses a SQLite database that is not a KVS store', () => {
    const file = join(dir, 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY)');
    db.close();
    expect(() => KvsStore.open(file)).toThrow(/not a local KVS store \(tables: users\)/);
  });

  it('refuses bad entity definitions at open', () => {
    expect(() => KvsStore.open(':memory:', { entities: [{ name: 'ab', attributes: {} }] })).toThrow(/too short/);
    expect(() => KvsStore.open(':memory:', { entities: [{ name: 'thing', attributes: { a: { type: 'string' } }, indexes: ['b'] }] })).toThrow(/attribute 'b', which is not declared/);
    expect(() => KvsStore.open(':memory:', { entities: [{ name: 'thing', attributes: { '1bad': { type: 'string' } } }] })).toThrow(/attribute '1bad'/);
  });
});
