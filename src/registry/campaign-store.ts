import { kvs, WhereConditions } from '../storage/kvs';
import type { AttestationAnswer, CampaignOwnerTask, CampaignScope, EscalationDays } from '../contract';
import { readAllWithPrefix } from '../storage/prefix';
import { VersionConflict } from './errors';
import { historyRecord } from './history-store';
import { isConditionFailure, versionIs } from './kvs-conditions';

/**
 * Attestation campaigns in Forge storage:
 * - `camp#<id>`: the campaign's header (what, where, when, who started it);
 * - `camp-owner#<id>#<ownerId>`: one owner's items as they stood at the start (one value per owner,
 *   so no value grows with the site);
 * - entity `attestation-answer`, key `<id>#<accountId>`: the answer, written once in a transaction
 *   with its history entry and conditional on no answer existing, so an owner and a backup
 *   answering at the same moment cannot both win.
 */
export interface CampaignHeader {
  id: string;
  name: string;
  scope: CampaignScope;
  projectKey: string;
  issueTypeId: string;
  dueDate: string;
  createdAt: string;
  createdBy: string;
  escalation: EscalationDays;
  /** The site's URL when the campaign started, for links in work items (null when the context had none). */
  siteUrl: string | null;
  owners: string[];
  unownedAccountIds: string[];
}

export type StoredOwnerTask = Omit<CampaignOwnerTask, 'issueKey' | 'escalations' | 'items'> & { items: Array<Omit<CampaignOwnerTask['items'][number], 'answer'>> };

export const ANSWER_ENTITY = 'attestation-answer';
interface AnswerEntity extends Omit<AttestationAnswer, 'newOwnerAccountId'> {
  campaignId: string;
  accountId: string;
  version: number;
  newOwnerAccountId: string;
}

const headerKey = (id: string) => `camp#${id}`;
const ownerPrefix = (id: string) => `camp-owner#${id}#`;
const answerKey = (campaignId: string, accountId: string) => `${campaignId}#${accountId}`;

export async function writeCampaign(header: CampaignHeader, tasks: readonly StoredOwnerTask[]): Promise<void> {
  // Owner tasks first: the header is what makes the campaign visible, so a crash leaves nothing half-shown.
  for (const t of tasks) await kvs.set(`${ownerPrefix(header.id)}${t.ownerAccountId}`, t);
  await kvs.set(headerKey(header.id), header);
}

export async function readCampaignHeader(id: string): Promise<CampaignHeader | null> {
  return ((await kvs.get<CampaignHeader>(headerKey(id))) as CampaignHeader | undefined) ?? null;
}

export async function readAllCampaignHeaders(): Promise<CampaignHeader[]> {
  return (await readAllWithPrefix('camp#')).map((r) => r.value as CampaignHeader);
}

export async function readOwnerTasks(id: string): Promise<StoredOwnerTask[]> {
  return (await readAllWithPrefix(ownerPrefix(id))).map((r) => r.value as StoredOwnerTask);
}

export async function readOwnerTask(id: string, ownerAccountId: string): Promise<StoredOwnerTask | null> {
  return ((await kvs.get<StoredOwnerTask>(`${ownerPrefix(id)}${ownerAccountId}`)) as StoredOwnerTask | undefined) ?? null;
}

/** Every answer of a campaign, by identity account id. */
export async function readAnswers(campaignId: string): Promise<Map<string, AttestationAnswer>> {
  const out = new Map<string, AttestationAnswer>();
  let cursor: string | undefined;
  do {
    let query = kvs.entity<AnswerEntity>(ANSWER_ENTITY).query().index('campaignId').where(WhereConditions.equalTo(campaignId)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const { value } of page.results) out.set(value.accountId, fromEntity(value));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

function fromEntity(e: AnswerEntity): AttestationAnswer {
  return { decision: e.decision, newOwnerAccountId: e.newOwnerAccountId || null, comment: e.comment, by: e.by, at: e.at };
}

/** Stores an answer and its history entry in one transaction; CONFLICT when the item was answered already. */
export async function writeAnswer(args: { campaignId: string; campaignName: string; accountId: string; answer: AttestationAnswer; describe: string }): Promise<void> {
  const { campaignId, accountId, answer } = args;
  const value: AnswerEntity = { campaignId, accountId, version: 1, ...answer, newOwnerAccountId: answer.newOwnerAccountId ?? '' };
  const history = historyRecord(
    accountId,
    { by: answer.by, subject: 'ownership', action: 'updated', source: 'manual', changes: [{ field: `attestation (${args.campaignName})`, before: null, after: args.describe }] },
    new Date(answer.at),
  );
  try {
    await kvs
      .transact()
      .set(answerKey(campaignId, accountId), value, { entityName: ANSWER_ENTITY, conditions: versionIs(0) })
      .set(history.key, history.value)
      .execute();
  } catch (e) {
    if (isConditionFailure(e)) throw new VersionConflict(1, 'this attestation (it was answered already)');
    throw e;
  }
}
