import { kvs, WhereConditions } from './kvs';

/** Forge's KVS query returns at most 20 keys a page. */
const PAGE = 20;

/** Every key and value whose key begins with `prefix`, in key order (all pages). */
export async function readAllWithPrefix(prefix: string): Promise<Array<{ key: string; value: unknown }>> {
  const all: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    all.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** The first `limit` keys and values (in key order) whose key begins with `prefix`. */
export async function readFirstWithPrefix(prefix: string, limit: number): Promise<Array<{ key: string; value: unknown }>> {
  const out: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    out.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor && out.length < limit);
  return out.slice(0, limit);
}

/** Deletes up to about `maxKeys` keys that begin with `prefix`; answers true when none are left. */
export async function deletePrefixStep(prefix: string, maxKeys = 100): Promise<boolean> {
  let deleted = 0;
  while (deleted < maxKeys) {
    const page = await kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE).getMany();
    if (page.results.length === 0) return true;
    for (const { key } of page.results) await kvs.delete(key);
    deleted += page.results.length;
  }
  return false;
}
