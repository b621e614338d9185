import { kvs } from '../storage/kvs';
import { readAllWithPrefix } from '../storage/prefix';

/** An identity whose owner left (deactivated or deleted account), and the handover the sweep opened. */
export interface OrphanRecord {
  accountId: string;
  since: string;
  formerOwnerAccountId: string;
  formerOwnerName: string;
  /** The backup's account id, or 'admins' when there was no active backup. */
  handoverTo: string;
  handoverToName: string;
  issueKey: string | null;
}

const PREFIX = 'reg#orphan#';

export async function readOrphan(accountId: string): Promise<OrphanRecord | null> {
  return ((await kvs.get<OrphanRecord>(`${PREFIX}${accountId}`)) as OrphanRecord | undefined) ?? null;
}

export async function readAllOrphans(): Promise<Map<string, OrphanRecord>> {
  return new Map((await readAllWithPrefix(PREFIX)).map((r) => [(r.value as OrphanRecord).accountId, r.value as OrphanRecord]));
}

export async function writeOrphan(record: OrphanRecord): Promise<void> {
  await kvs.set(`${PREFIX}${record.accountId}`, record);
}

/** The record has an active owner again (a new one, or the old one reactivated). */
export async function clearOrphan(accountId: string): Promise<void> {
  await kvs.delete(`${PREFIX}${accountId}`);
}
