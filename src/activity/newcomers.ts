/**
 * Accounts that start acting after the last full scan read the site's users ("an account that
 * starts acting appears as an integration candidate within a minute of its first event"). The
 * scan tells the ledger which accounts it knows (act:known:<n>); when the compactor folds facts of
 * an account it does not know, it looks the account up once (GET /user/bulk, 1 point plus 2 per
 * account) and lists it in act:new, which the identities list shows at once and the next scan
 * measures. Only the compactor writes act:new; only the scan writes act:known.
 */
import { kvs } from '../storage/kvs';
import { chunkByBytes } from '../storage/chunks';
import type { JiraClient } from '../jira/client';
import { accountOf, getUsersInBulk, type Account } from '../jira/users';

export interface Newcomer extends Account {
  /** When the ledger first saw it act (ISO). */
  firstSeen: string;
}

const KNOWN_META_KEY = 'act:known-meta';
const knownKey = (n: number) => `act:known:${n}`;
const NEW_KEY = 'act:new';

/** The accounts the last full scan read (null before any scan has: then nobody is a newcomer yet). */
async function readKnown(): Promise<Set<string> | null> {
  const meta = (await kvs.get(KNOWN_META_KEY)) as { chunks: number } | undefined;
  if (!meta) return null;
  const chunks = await Promise.all(Array.from({ length: meta.chunks }, (_, n) => kvs.get(knownKey(n))));
  return new Set(chunks.flatMap((c) => (c as string[] | undefined) ?? []));
}

/** Every account of the site the last full scan read (none before the first scan). */
export async function readKnownAccounts(): Promise<string[]> {
  return [...((await readKnown()) ?? [])];
}

/** The scan, after reading every user: these accounts are known (newcomers among them are no longer new). */
export async function writeKnownAccounts(accountIds: readonly string[]): Promise<void> {
  const chunks = chunkByBytes([...accountIds].sort());
  for (const [n, chunk] of chunks.entries()) await kvs.set(knownKey(n), chunk);
  const before = ((await kvs.get(KNOWN_META_KEY)) as { chunks: number } | undefined)?.chunks ?? 0;
  await kvs.set(KNOWN_META_KEY, { chunks: chunks.length });
  for (let n = chunks.length; n < before; n++) await kvs.delete(knownKey(n));
}

/** Accounts that acted since the last full scan and that no scan has measured yet. */
export async function readNewcomers(): Promise<Newcomer[]> {
  return ((await kvs.get(NEW_KEY)) as Newcomer[] | undefined) ?? [];
}

/**
 * The compactor, after folding: looks up the accounts among `acted` that neither the last full
 * scan nor an earlier look knows. Answers how many were added.
 */
export async function noteNewcomers(client: () => Promise<JiraClient>, acted: readonly string[], now = Date.now()): Promise<number> {
  if (acted.length === 0) return 0;
  const known = await readKnown();
  if (!known) return 0;
  const listed = await readNewcomers();
  const listedIds = new Set(listed.map((n) => n.accountId));
  const unknown = [...new Set(acted)].filter((id) => !known.has(id) && !listedIds.has(id));
  if (unknown.length === 0) return 0;
  const found = await getUsersInBulk(await client(), unknown);
  const firstSeen = new Date(now).toISOString();
  const added: Newcomer[] = found.map((u) => ({ ...accountOf(u), firstSeen }));
  if (added.length > 0) await kvs.set(NEW_KEY, [...listed, ...added]);
  return added.length;
}

/**
 * A scan measured these accounts (or read them in a full directory): they join the known accounts
 * and leave the newcomers. Called by the scan when it publishes.
 */
export async function settleNewcomers(measured: readonly string[]): Promise<void> {
  const listed = await readNewcomers();
  const done = new Set(measured);
  const settled = listed.filter((n) => done.has(n.accountId));
  if (settled.length === 0) return;
  const known = (await readKnown()) ?? new Set<string>();
  await writeKnownAccounts([...known, ...settled.map((n) => n.accountId)]);
  await kvs.set(NEW_KEY, listed.filter((n) => !done.has(n.accountId)));
}
