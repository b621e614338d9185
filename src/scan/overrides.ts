import { kvs, WhereConditions } from '@forge/kvs';
import type { Override } from '../rules/classification';

/** An admin's choice for one account ("integration" or "not-integration"); it wins over the heuristics. */
const PREFIX = 'identity:override:';

export async function setOverride(accountId: string, override: Override): Promise<void> {
  if (override === null) await kvs.delete(`${PREFIX}${accountId}`);
  else await kvs.set(`${PREFIX}${accountId}`, { override, at: new Date().toISOString() });
}

export async function readOverride(accountId: string): Promise<Override> {
  const stored = (await kvs.get(`${PREFIX}${accountId}`)) as { override: Override } | undefined;
  return stored?.override ?? null;
}

/** Every override (pages of 20, the KVS query maximum). */
export async function readAllOverrides(): Promise<Map<string, Exclude<Override, null>>> {
  const all = new Map<string, Exclude<Override, null>>();
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const { key, value } of page.results) {
      const override = (value as { override: Override }).override;
      if (override) all.set(key.slice(PREFIX.length), override);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
