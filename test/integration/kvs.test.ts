/**
 * The local KVS driven end to end by the real, unmodified @forge/kvs package: every call below goes
 * through the package's request building and response/error handling into KvsStore.handle.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kvs, WhereConditions, FilterConditions, Filter, Sort, MetadataField, ForgeKvsAPIError, type AndFilter, type OrFilter } from '@forge/kvs';
import { KvsStore, toFetchResponse, type EntityDefinition } from '../../dev/host/kvs';

const entities: EntityDefinition[] = [
  {
    name: 'integration',
    attributes: {
      projectId: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      score: { type: 'integer' },
      weight: { type: 'float' },
      active: { type: 'boolean' },
      tags: { type: 'any' },
      version: { type: 'integer' },
    },
    indexes: [
      'name',
      { name: 'by-project-score', partition: ['projectId'], range: ['score'] },
      { name: 'by-project-kind-name', partition: ['projectId', 'kind'], range: ['name'] },
    ],
  },
];

let store: KvsStore;
let now = Date.UTC(2026, 0, 1);

type ForgeFetch = (target: unknown, path: string, init: { body: string }) => Promise<Response>;
const g = globalThis as unknown as { __forge_fetch__?: ForgeFetch };

beforeEach(() => {
  now = Date.UTC(2026, 0, 1);
  store = KvsStore.open(':memory:', { entities, now: () => now });
  g.__forge_fetch__ = async (_target, path, init) => toFetchResponse(store.handle(path, JSON.parse(init.body)));
});

afterEach(() => {
  store.close();
});

/** The ForgeKvsAPIError code a call fails with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ForgeKvsAPIError);
    return (e as ForgeKvsAPIError).code;
  }
  return 'NO_ERROR';
}

describe('plain keys', () => {
  it('round-trips JSON values and answers undefined for a missing key', async () => {
    const value = { a: 1, b: [true, null, 'x'], c: { d: 'é€𝄞' } };
    await kvs.set('int#1', value);
    expect(await kvs.get('int#1')).toEqual(value);
    await kvs.set('n', 42);
    expect(await kvs.get('n')).toBe(42);
    expect(await kvs.get('missing')).toBeUndefined();
    await kvs.delete('int#1');
    expect(await kvs.get('int#1')).toBeUndefined();
    await expect(kvs.delete('int#1')).resolves.toBeUndefined(); // KEY_NOT_FOUND on delete is swallowed by the package
  });

  it('FAIL_IF_EXISTS refuses to overwrite with KEY_CONFLICT', async () => {
    await kvs.set('lock', 'a', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await codeOf(kvs.set('lock', 'b', { keyPolicy: 'FAIL_IF_EXISTS' }))).toBe('KEY_CONFLICT');
    expect(await kvs.get('lock')).toBe('a');
    await kvs.set('lock', 'c', { keyPolicy: 'OVERRIDE' });
    expect(await kvs.get('lock')).toBe('c');
  });

  it('returnValue PREVIOUS / LATEST and metadata fields', async () => {
    expect(await kvs.set('k', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    const created = now;
    now += 5000;
    const prev = await kvs.set('k', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS', returnMetadataFields: [MetadataField.CREATED_AT] });
    expect(prev).toEqual({ key: 'k', value: 1, createdAt: created });
    const latest = await kvs.set('k', 3, {
      keyPolicy: 'OVERRIDE',
      returnValue: 'LATEST',
      returnMetadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT],
    });
    expect(latest).toEqual({ key: 'k', value: 3, createdAt: created, updatedAt: now });
    const got = await kvs.get('k', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME] });
    expect(got).toEqual({ key: 'k', value: 3, createdAt: created, updatedAt: now, expireTime: undefined });
  });

  it('expires values after their TTL (injected clock)', async () => {
    await kvs.set('short', 'v', { ttl: { value: 30, unit: 'SECONDS' } });
    await kvs.set('long', 'v', { ttl: { value: 2, unit: 'DAYS' } });
    const meta = await kvs.get('short', { metadataFields: [MetadataField.EXPIRE_TIME] });
    expect(meta?.expireTime).toBe(new Date(now + 30_000).toISOString());
    now += 29_000;
    expect(await kvs.get('short')).toBe('v');
    now += 1_000;
    expect(await kvs.get('short')).toBeUndefined();
    expect(await kvs.get('long')).toBe('v');
    // An expired key is free again for FAIL_IF_EXISTS and is not listed.
    await kvs.set('short', 'again', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('short')).toBe('again');
    now += 2 * 86_400_000;
    const { results } = await kvs.query().getMany();
    expect(results.map((r) => r.key)).toEqual(['short']);
  });

  it('refuses a bad TTL and stores nothing', async () => {
    const g2 = kvs.set('t', 1, { ttl: { value: 0, unit: 'SECONDS' } });
    expect(await codeOf(g2)).toBe('BAD_REQUEST');
    expect(await kvs.get('t')).toBeUndefined();
  });
});

describe('kvs.query', () => {
  it('pages through many keys by prefix in key order with an opaque cursor', async () => {
    const keys = Array.from({ length: 57 }, (_, i) => `proj#${String(i).padStart(3, '0')}`);
    for (const k of [...keys].reverse()) await kvs.set(k, { k });
    await kvs.set('other#1', 1);
    await kvs.setSecret('proj#secret', 'hidden');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('proj#')).limit(20);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<{ k: string }>();
      seen.push(...page.results.map((r) => r.key));
      for (const r of page.results) expect(r.value.k).toBe(r.key);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(keys);
    expect(pages).toBe(3);
  });

  it('defaults to 10 per page, getOne, metadata, and the whole store without where', async () => {
    for (let i = 0; i < 12; i++) await kvs.set(`k${String(i).padStart(2, '0')}`, i);
    const first = await kvs.query().getMany();
    expect(first.results).toHaveLength(10);
    expect(first.nextCursor).toBeTypeOf('string');
    const one = await kvs.query({ metadataFields: [MetadataField.CREATED_AT] }).where('key', WhereConditions.beginsWith('k11')).getOne();
    expect(one).toEqual({ key: 'k11', value: 11, createdAt: now });
    const none = await kvs.query().where('key', WhereConditions.beginsWith('zzz')).getMany();
    expect(none).toEqual({ results: [], nextCursor: undefined });
  });

  it('enforces the page size of 20 with LIST_QUERY_LIMIT_EXCEEDED', async () => {
    expect(await codeOf(kvs.query().limit(21).getMany())).toBe('LIST_QUERY_LIMIT_EXCEEDED');
    expect(await codeOf(kvs.query().limit(0).getMany())).toBe('LIST_QUERY_LIMIT_EXCEEDED');
    expect(await codeOf(kvs.query().cursor('garbage').getMany())).toBe('BAD_REQUEST');
  });
});

describe('secrets', () => {
  it('live in their own namespace and are never listed', async () => {
    await kvs.setSecret('token', { secret: 's3' });
    await kvs.set('token', 'plain');
    expect(await kvs.getSecret('token')).toEqual({ secret: 's3' });
    expect(await kvs.get('token')).toBe('plain');
    const { results } = await kvs.query().getMany();
    expect(results).toEqual([{ key: 'token', value: 'plain' }]);
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
    expect(await kvs.get('token')).toBe('plain');
    await kvs.setSecret('s', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await codeOf(kvs.setSecret('s', 2, { keyPolicy: 'FAIL_IF_EXISTS' }))).toBe('KEY_CONFLICT');
  });
});

describe('custom entities', () => {
  const e = () => kvs.entity<Record<string, unknown>>('integration');

  async function seed(): Promise<void> {
    const rows: Array<[string, Record<string, unknown>]> = [
      ['i01', { projectId: 'P1', kind: 'bot', name: 'alpha', score: 5, active: true, tags: ['x'] }],
      ['i02', { projectId: 'P1', kind: 'bot', name: 'beta', score: 10, active: false }],
      ['i03', { projectId: 'P1', kind: 'user', name: 'gamma', score: 10, active: true, tags: ['x', 'y'] }],
      ['i04', { projectId: 'P1', kind: 'bot', name: 'alphabet', score: -3, active: true }],
      ['i05', { projectId: 'P2', kind: 'bot', name: 'delta', score: 7, active: true }],
      ['i06', { projectId: 'P1', kind: 'bot', name: 'epsilon', weight: 1.5 }], // no score: not in by-project-score
    ];
    for (const [k, v] of rows) await e().set(k, v);
  }

  it('get / set / delete round trip, with metadata', async () => {
    await e().set('i1', { name: 'n', score: 1 });
    expect(await e().get('i1')).toEqual({ name: 'n', score: 1 });
    expect(await e().get('i1', { metadataFields: [MetadataField.CREATED_AT] })).toEqual({ key: 'i1', value: { name: 'n', score: 1 }, createdAt: now });
    expect(await kvs.get('i1')).toBeUndefined(); // entities do not share the plain key space
    await e().delete('i1');
    expect(await e().get('i1')).toBeUndefined();
    await e().set('i2', { name: 'x' }, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await codeOf(e().set('i2', { name: 'y' }, { keyPolicy: 'FAIL_IF_EXISTS' }))).toBe('KEY_CONFLICT');
  });

  it('queries an index with a partition, ordered by range then key, ASC and DESC', async () => {
    await seed();
    const asc = await e().query().index('by-project-score', { partition: ['P1'] }).getMany();
    expect(asc.results.map((r) => r.key)).toEqual(['i04', 'i01', 'i02', 'i03']);
    const desc = await e().query().index('by-project-score', { partition: ['P1'] }).sort(Sort.DESC).getMany();
    expect(desc.results.map((r) => r.key)).toEqual(['i03', 'i02', 'i01', 'i04']);
    const two = await e().query().index('by-project-kind-name', { partition: ['P1', 'bot'] }).getMany();
    expect(two.results.map((r) => r.value.name)).toEqual(['alpha', 'alphabet', 'beta', 'epsilon']);
    const simple = await e().query().index('name').getMany();
    expect(simple.results.map((r) => r.key)).toEqual(['i01', 'i04', 'i02', 'i05', 'i06', 'i03']);
  });

  it('applies every range condition', async () => {
    await seed();
    type Where = ReturnType<typeof WhereConditions.between> | ReturnType<typeof WhereConditions.equalTo> | ReturnType<typeof WhereConditions.greaterThan>
      | ReturnType<typeof WhereConditions.greaterThanEqualTo> | ReturnType<typeof WhereConditions.lessThan> | ReturnType<typeof WhereConditions.lessThanEqualTo>;
    const keys = async (cond: Where) =>
      (await e().query().index('by-project-score', { partition: ['P1'] }).where(cond).getMany()).results.map((r) => r.key);
    expect(await keys(WhereConditions.equalTo(10))).toEqual(['i02', 'i03']);
    expect(await keys(WhereConditions.greaterThan(5))).toEqual(['i02', 'i03']);
    expect(await keys(WhereConditions.greaterThanEqualTo(5))).toEqual(['i01', 'i02', 'i03']);
    expect(await keys(WhereConditions.lessThan(5))).toEqual(['i04']);
    expect(await keys(WhereConditions.lessThanEqualTo(5))).toEqual(['i04', 'i01']);
    expect(await keys(WhereConditions.between(0, 10))).toEqual(['i01', 'i02', 'i03']);
    const prefixed = await e().query().index('by-project-kind-name', { partition: ['P1', 'bot'] }).where(WhereConditions.beginsWith('alpha')).getMany();
    expect(prefixed.results.map((r) => r.key)).toEqual(['i01', 'i04']);
  });

  it('applies and/or filters with every FilterCondition', async () => {
    await seed();
    const run = async (f: AndFilter<Record<string, unknown>> | OrFilter<Record<string, unknown>>) =>
      (await e().query().index('name').filters(f).limit(100).getMany()).results.map((r) => r.key).sort();
    const F = () => new Filter<Record<string, unknown>>();
    expect(await run(F().and('active', FilterConditions.equalTo(true)).and('kind', FilterConditions.equalTo('bot')))).toEqual(['i01', 'i04', 'i05']);
    expect(await run(F().or('name', FilterConditions.equalTo('beta')).or('score', FilterConditions.lessThan(0)))).toEqual(['i02', 'i04']);
    expect(await run(F().and('kind', FilterConditions.notEqualTo('bot')))).toEqual(['i03']);
    expect(await run(F().and('name', FilterConditions.contains('lph')))).toEqual(['i01', 'i04']);
    expect(await run(F().and('name', FilterConditions.notContains('a')))).toEqual(['i06']);
    expect(await run(F().and('tags', FilterConditions.contains('y')))).toEqual(['i03']);
    expect(await run(F().and('score', FilterConditions.exists()))).toEqual(['i01', 'i02', 'i03', 'i04', 'i05']);
    expect(await run(F().and('score', FilterConditions.notExists()))).toEqual(['i06']);
    expect(await run(F().and('name', FilterConditions.beginsWith('alp')))).toEqual(['i01', 'i04']);
    expect(await run(F().and('score', FilterConditions.between(5, 7)))).toEqual(['i01', 'i05']);
    expect(await run(F().and('score', FilterConditions.greaterThan(7)))).toEqual(['i02', 'i03']);
    expect(await run(F().and('score', FilterConditions.greaterThanEqualTo(7)))).toEqual(['i02', 'i03', 'i05']);
    expect(await run(F().and('score', FilterConditions.lessThanEqualTo(5)))).toEqual(['i01', 'i04']);
    expect(await run(F().and('weight', FilterConditions.greaterThan(1)))).toEqual(['i06']);
  });

  it('pages with limit and cursor, filters filling each page', async () => {
    for (let i = 0; i < 250; i++) {
      await e().set(`row${String(i).padStart(3, '0')}`, { projectId: 'P', score: i % 50, active: i % 2 === 0 });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      let q = e().query().index('by-project-score', { partition: ['P'] }).filters(new Filter<Record<string, unknown>>().and('active', FilterConditions.equalTo(true))).limit(40);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      expect(page.results.length).toBeLessThanOrEqual(40);
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(125);
    expect(new Set(seen).size).toBe(125);
    const scores = seen.map((k) => Number(k.slice(3)) % 50);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const first = await e().query().index('by-project-score', { partition: ['P'] }).sort(Sort.DESC).getOne();
    expect(first?.value).toMatchObject({ score: 49 });
  });

  it('refuses bad entity requests with Forge codes and stores nothing', async () => {
    expect(await codeOf(kvs.entity('nope-entity').set('k', { a: 1 }))).toBe('INVALID_ENTITY_TYPE');
    expect(await codeOf(kvs.entity('ab').get('k'))).toBe('ENTITY_TYPE_TOO_SHORT');
    expect(await codeOf(kvs.entity('x'.repeat(61)).get('k'))).toBe('ENTITY_TYPE_TOO_LARGE');
    expect(await codeOf(kvs.entity('Bad..Name').get('k'))).toBe('INVALID_ENTITY_TYPE');
    expect(await codeOf(e().set('k', { unknownAttr: 1 }))).toBe('INVALID_ENTITY_VALUE');
    expect(await codeOf(e().set('k', { score: 1.5 }))).toBe('INVALID_ENTITY_VALUE');
    expect(await codeOf(e().set('k', { score: 2 ** 31 }))).toBe('INVALID_ENTITY_VALUE');
    expect(await codeOf(e().set('k', { name: 7 }))).toBe('INVALID_ENTITY_VALUE');
    expect(await codeOf(kvs.entity<unknown>('integration').set('k', 'not an object'))).toBe('INVALID_ENTITY_VALUE');
    expect(await codeOf(e().set('', { name: 'x' }))).toBe('EMPTY_KEY');
    expect(await e().get('k')).toBeUndefined();
    expect(await codeOf(e().query().index('by-nothing').getMany())).toBe('INVALID_ENTITY_INDEX');
    expect(await codeOf(e().query().index('by-project-score', { partition: ['P1'] }).limit(101).getMany())).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    expect(await codeOf(e().query().index('by-project-score', { partition: ['P1'] }).limit(0).getMany())).toBe('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    expect(await codeOf(e().query().index('by-project-score').getMany())).toBe('BAD_REQUEST'); // partition missing
    expect(await codeOf(e().query().index('name').filters(new Filter<Record<string, unknown>>().and('nope', FilterConditions.exists())).getMany())).toBe('QUERY_WHERE_FIELD_INVALID');
  });

  it('validates filter wire shapes (operators, values)', () => {
    const body = (filters: unknown) => store.handle('/api/v1/entity/query', { entityName: 'integration', indexName: 'name', filters });
    const code = (r: { body?: unknown }) => (r.body as { code: string }).code;
    expect(code(body({ and: [] }))).toBe('EMPTY_FILTER_OPERATOR');
    expect(code(body({}))).toBe('EMPTY_FILTER_OPERATOR');
    expect(code(body({ and: [{ property: 'name', condition: 'EXISTS', values: [true] }], or: [{ property: 'name', condition: 'EXISTS', values: [true] }] }))).toBe('INVALID_FILTER_OPERATORS_COMBINATION');
    expect(code(body({ and: [{ property: 'score', condition: 'BETWEEN', values: [1] }] }))).toBe('INSUFFICIENT_FILTER_VALUES');
    expect(code(body({ and: [{ property: 'score', condition: 'LIKE', values: [1] }] }))).toBe('INVALID_FILTER_CONDITION');
    expect(code(body({ and: [{ property: 'score', condition: 'EQUAL_TO', values: [1, 2] }] }))).toBe('INVALID_FILTER_VALUES');
  });
});

describe('batch operations', () => {
  it('sets, gets and deletes with successfulKeys / failedKeys', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'a', value: 1 },
      { key: 'b', value: { x: 2 }, options: { ttl: { value: 1, unit: 'MINUTES' } } },
      { key: 'e1', value: { name: 'n' }, entityName: 'integration' },
      { key: 'bad key!', value: 3 },
      { key: 'e2', value: { wrong: true }, entityName: 'integration' },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'e1', entityName: 'integration' }]);
    expect(set.failedKeys.map((f) => [f.key, f.error.code])).toEqual([
      ['bad key!', 'INVALID_KEY'],
      ['e2', 'INVALID_ENTITY_VALUE'],
    ]);
    const got = await kvs.batchGet([{ key: 'a' }, { key: 'b' }, { key: 'e1', entityName: 'integration' }, { key: 'zz' }]);
    expect(got.successfulKeys).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: { x: 2 } },
      { key: 'e1', entityName: 'integration', value: { name: 'n' } },
    ]);
    expect(got.failedKeys).toEqual([{ key: 'zz', error: { code: 'KEY_NOT_FOUND', message: "Key 'zz' does not exist" } }]);
    const del = await kvs.batchDelete([{ key: 'a' }, { key: 'zz' }, { key: 'e1', entityName: 'integration' }]);
    expect(del.successfulKeys).toEqual([{ key: 'a' }, { key: 'e1', entityName: 'integration' }]);
    expect(del.failedKeys.map((f) => f.key)).toEqual(['zz']);
    expect(await kvs.get('a')).toBeUndefined();
  });

  it('refuses empty, oversized and repeating batches as a whole', async () => {
    expect(await codeOf(kvs.batchSet([]))).toBe('BAD_REQUEST');
    const many = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect(await codeOf(kvs.batchSet(many))).toBe('BAD_REQUEST');
    expect(await codeOf(kvs.batchSet([{ key: 'd', value: 1 }, { key: 'd', value: 2 }]))).toBe('BAD_REQUEST');
    expect(await kvs.get('k0')).toBeUndefined();
    expect(await kvs.get('d')).toBeUndefined();
    const ok = await kvs.batchSet(many.slice(0, 25));
    expect(ok.successfulKeys).toHaveLength(25);
  });
});

describe('transactions', () => {
  const ent = { entityName: 'integration' };

  it('commits sets and deletes on keys and entities together', async () => {
    await kvs.set('gone', 1);
    await kvs
      .transact()
      .set('t1', 'v1')
      .set('t2', { n: 2 }, undefined, { ttl: { value: 1, unit: 'HOURS' } })
      .set('e1', { name: 'x', version: 1 }, ent)
      .delete('gone')
      .execute();
    expect(await kvs.get('t1')).toBe('v1');
    expect(await kvs.get('t2', { metadataFields: [MetadataField.EXPIRE_TIME] })).toMatchObject({ expireTime: new Date(now + 3_600_000).toISOString() });
    expect(await kvs.entity('integration').get('e1')).toEqual({ name: 'x', version: 1 });
    expect(await kvs.get('gone')).toBeUndefined();
  });

  it('optimistic concurrency: a condition that holds commits, a stale one writes nothing', async () => {
    await kvs.entity('integration').set('note', { name: 'n', version: 1 });
    const at = (v: number) => new Filter<Record<string, unknown>>().and('version', FilterConditions.equalTo(v));
    await kvs.transact().set<Record<string, unknown>>('note', { name: 'n2', version: 2 }, { ...ent, conditions: at(1) }).set('audit#1', 'saved').execute();
    expect(await kvs.entity('integration').get('note')).toEqual({ name: 'n2', version: 2 });

    const stale = kvs.transact().set('audit#2', 'saved').set<Record<string, unknown>>('note', { name: 'n3', version: 2 }, { ...ent, conditions: at(1) }).execute();
    const err = await stale.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForgeKvsAPIError);
    expect((err as ForgeKvsAPIError).code).toBe('CONDITIONAL_CHECK_FAILED');
    expect((err as ForgeKvsAPIError).responseDetails.status).toBe(409);
    expect(await kvs.get('audit#2')).toBeUndefined();
    expect(await kvs.entity('integration').get('note')).toEqual({ name: 'n2', version: 2 });
  });

  it('a failed check or delete condition fails everything; NOT_EXISTS on a missing entity passes', async () => {
    await kvs.entity('integration').set('c', { name: 'c', active: false });
    await kvs.set('keep', 'me');
    const failed = kvs
      .transact()
      .set('new', 1)
      .delete('keep')
      .check('c', { ...ent, conditions: new Filter<Record<string, unknown>>().and('active', FilterConditions.equalTo(true)) })
      .execute();
    expect(await codeOf(failed)).toBe('CONDITIONAL_CHECK_FAILED');
    expect(await kvs.get('new')).toBeUndefined();
    expect(await kvs.get('keep')).toBe('me');

    expect(await codeOf(kvs.transact().delete('c', { ...ent, conditions: new Filter<Record<string, unknown>>().and('name', FilterConditions.equalTo('zzz')) }).execute())).toBe('CONDITIONAL_CHECK_FAILED');
    expect(await kvs.entity('integration').get('c')).toEqual({ name: 'c', active: false });

    await kvs
      .transact()
      .set<Record<string, unknown>>('fresh', { name: 'f' }, { ...ent, conditions: new Filter<Record<string, unknown>>().and('name', FilterConditions.notExists()) })
      .check('c', { ...ent, conditions: new Filter<Record<string, unknown>>().or('active', FilterConditions.equalTo(true)).or('name', FilterConditions.equalTo('c')) })
      .execute();
    expect(await kvs.entity('integration').get('fresh')).toEqual({ name: 'f' });
  });

  it('refuses more than 25 operations, a key used twice, and bad values, writing nothing', async () => {
    const t26 = kvs.transact();
    for (let i = 0; i < 26; i++) t26.set(`k${i}`, i);
    expect(await codeOf(t26.execute())).toBe('TOO_MANY_OPERATIONS');
    expect(await kvs.get('k0')).toBeUndefined();

    const t25 = kvs.transact();
    for (let i = 0; i < 25; i++) t25.set(`k${i}`, i);
    await t25.execute();
    expect(await kvs.get('k24')).toBe(24);

    expect(await codeOf(kvs.transact().set('dup', 1).delete('dup').execute())).toBe('DUPLICATE_KEY');
    expect(await codeOf(kvs.transact().set('ok', 1).set('x'.repeat(501), 2).execute())).toBe('KEY_TOO_LONG');
    expect(await codeOf(kvs.transact().set('ok', 1).set('e', { bogus: 1 }, ent).execute())).toBe('INVALID_ENTITY_VALUE');
    expect(await kvs.get('ok')).toBeUndefined();
  });
});

describe('limits', () => {
  it('keys: empty, too long, invalid characters, whitespace only', async () => {
    expect(await codeOf(kvs.set('', 1))).toBe('KEY_TOO_SHORT');
    expect(await codeOf(kvs.set('x'.repeat(501), 1))).toBe('KEY_TOO_LONG');
    expect(await codeOf(kvs.set('slash/key', 1))).toBe('INVALID_KEY');
    expect(await codeOf(kvs.set('   ', 1))).toBe('INVALID_KEY');
    expect(await codeOf(kvs.get('ü'))).toBe('INVALID_KEY');
    await kvs.set('x'.repeat(500), 1);
    await kvs.set('a:b.c_d-e#f g', 1);
    expect(await kvs.get('a:b.c_d-e#f g')).toBe(1);
    const { results } = await kvs.query().getMany();
    expect(results).toHaveLength(2);
  });

  it('values: 240 KiB of UTF-8 JSON and object depth 31', async () => {
    const limit = 240 * 1024;
    await kvs.set('fits', 'a'.repeat(limit - 2)); // two quote characters
    expect(await codeOf(kvs.set('big', 'a'.repeat(limit - 1)))).toBe('MAX_SIZE');
    expect(await codeOf(kvs.set('big', 'é'.repeat(limit / 2)))).toBe('MAX_SIZE'); // bytes, not characters
    expect(await codeOf(kvs.setSecret('big', 'a'.repeat(limit)))).toBe('MAX_SIZE');
    expect(await kvs.get('big')).toBeUndefined();
    const nest = (n: number): unknown => (n === 0 ? 1 : { a: nest(n - 1) });
    await kvs.set('deep', nest(31));
    expect(await codeOf(kvs.set('deeper', nest(32)))).toBe('MAX_DEPTH');
    expect(await kvs.get('deeper')).toBeUndefined();
  });

  it('kvs.query where: single BEGINS_WITH on key only', () => {
    const code = (body: unknown) => (store.handle('/api/v1/query', body).body as { code: string }).code;
    expect(code({ where: [{ property: 'value', condition: 'BEGINS_WITH', values: ['a'] }] })).toBe('QUERY_WHERE_FIELD_INVALID');
    expect(code({ where: [{ property: 'key', condition: 'EQUAL_TO', values: ['a'] }] })).toBe('INVALID_FILTER_CONDITION');
    const clause = { property: 'key', condition: 'BEGINS_WITH', values: ['a'] };
    expect(code({ where: [clause, clause] })).toBe('QUERY_WHERE_INVALID');
    expect(code({ where: [{ property: 'key', condition: 'BEGINS_WITH', values: [] }] })).toBe('INVALID_FILTER_VALUES');
  });

  it('unknown paths and non-object bodies get an error body, never a throw', () => {
    expect(store.handle('/api/v1/nope', {})).toMatchObject({ status: 404 });
    expect(store.handle('/api/v1/get', 'x')).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
    expect(store.handle('/api/v1/get', undefined)).toMatchObject({ status: 400 });
  });
});
