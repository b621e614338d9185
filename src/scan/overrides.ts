import { kvs } from '../storage/kvs';
import { readAllWithPrefix } from '../storage/prefix';
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

/** Every override. */
export async function readAllOverrides(): Promise<Map<string, Exclude<Override, null>>> {
  const all = new Map<string, Exclude<Override, null>>();
  for (const { key, value } of await readAllWithPrefix(PREFIX)) {
    const override = (value as { override: Override }).override;
    if (override) all.set(key.slice(PREFIX.length), override);
  }
  return all;
}
