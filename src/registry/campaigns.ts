import { randomBytes } from 'node:crypto';
import type {
  AttestationAnswer,
  AttestationDecision,
  AttestationTask,
  CampaignDetail,
  CampaignItem,
  CampaignOwnerTask,
  CampaignProgress,
  CampaignScope,
  CampaignSummary,
  Credential,
  EscalationDays,
  IdentityKind,
} from '../contract';
import { AppFailure } from '../errors';
import { readAnswers, readAllCampaignHeaders, readCampaignHeader, readOwnerTasks, writeAnswer, writeCampaign, type CampaignHeader, type StoredOwnerTask } from './campaign-store';
import { readEscalations } from './campaign-escalations';
import type { OwnershipAttrs } from './ownership-store';
import { readOwnership, saveOwnership } from './ownership-store';
import { readWorkItem } from './work-items';

/** An identity as the campaign sees it when it starts (the resolver joins the scan's snapshot). */
export interface CampaignCandidate {
  accountId: string;
  displayName: string;
  kind: IdentityKind;
  projectsTouched: string[];
  lastActivity: string | null;
}

export const ownerWorkItemKey = (campaignId: string, ownerAccountId: string) => `attest:${campaignId}:${ownerAccountId}`;

/** Who answers for what: identities in scope grouped by owner; those without an owner are listed apart. Pure. */
export function planCampaign(
  candidates: readonly CampaignCandidate[],
  ownership: ReadonlyMap<string, OwnershipAttrs>,
  credentials: ReadonlyMap<string, readonly Credential[]>,
  scope: CampaignScope,
  ownerNames: ReadonlyMap<string, string>,
): { tasks: StoredOwnerTask[]; unowned: string[] } {
  const byOwner = new Map<string, StoredOwnerTask>();
  const unowned: string[] = [];
  for (const c of candidates) {
    const record = ownership.get(c.accountId);
    if (scope.kind && c.kind !== scope.kind) continue;
    if (scope.projectKey && !c.projectsTouched.includes(scope.projectKey)) continue;
    if (scope.team && (record?.team ?? '').trim().toLowerCase() !== scope.team.trim().toLowerCase()) continue;
    const owner = record?.ownerAccountId || null;
    if (!owner) {
      unowned.push(c.accountId);
      continue;
    }
    const task = byOwner.get(owner) ?? { ownerAccountId: owner, ownerName: ownerNames.get(owner) ?? owner, backupAccountIds: [], items: [] };
    const backup = record?.backupAccountId || null;
    if (backup && backup !== owner && !task.backupAccountIds.includes(backup)) task.backupAccountIds.push(backup);
    task.items.push({
      accountId: c.accountId,
      displayName: c.displayName,
      kind: c.kind,
      credentials: (credentials.get(c.accountId) ?? []).map((k) => ({ id: k.id, label: k.label, kind: k.kind, expiresAt: k.expiresAt })),
      projectsTouched: c.projectsTouched,
      lastActivity: c.lastActivity,
    });
    byOwner.set(owner, task);
  }
  return { tasks: [...byOwner.values()].sort((a, b) => a.ownerName.localeCompare(b.ownerName, undefined, { numeric: true })), unowned };
}

export function newCampaignId(now: Date): string {
  return `c${now.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function startCampaign(header: Omit<CampaignHeader, 'owners' | 'unownedAccountIds'>, plan: { tasks: StoredOwnerTask[]; unowned: string[] }): Promise<CampaignHeader> {
  const full: CampaignHeader = { ...header, owners: plan.tasks.map((t) => t.ownerAccountId), unownedAccountIds: plan.unowned };
  await writeCampaign(full, plan.tasks);
  return full;
}

/** End of the due date (UTC): answers are overdue after it. */
export function dueEnd(dueDate: string): number {
  return Date.parse(`${dueDate}T23:59:59.999Z`);
}

/** Answered, changed, overdue: over every item of the campaign. Pure. */
export function campaignProgress(header: CampaignHeader, tasks: readonly StoredOwnerTask[], answers: ReadonlyMap<string, AttestationAnswer>, now: Date): CampaignProgress {
  let items = 0;
  let answered = 0;
  let changed = 0;
  let retired = 0;
  for (const t of tasks) {
    for (const i of t.items) {
      items++;
      const a = answers.get(i.accountId);
      if (!a) continue;
      answered++;
      if (a.decision !== 'keep') changed++;
      if (a.decision === 'retire') retired++;
    }
  }
  const overdue = now.getTime() > dueEnd(header.dueDate) ? items - answered : 0;
  return { items, answered, changed, retired, overdue, owners: tasks.length, unowned: header.unownedAccountIds.length };
}

function summaryOf(header: CampaignHeader, progress: CampaignProgress): CampaignSummary {
  const { owners: _owners, unownedAccountIds: _unowned, issueTypeId: _type, siteUrl: _site, ...rest } = header;
  return { ...rest, state: progress.items > 0 && progress.answered === progress.items ? 'complete' : 'open', progress };
}

export async function listCampaigns(now = new Date()): Promise<CampaignSummary[]> {
  const headers = await readAllCampaignHeaders();
  const out: CampaignSummary[] = [];
  for (const h of headers) out.push(summaryOf(h, campaignProgress(h, await readOwnerTasks(h.id), await readAnswers(h.id), now)));
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function requireCampaign(id: string): Promise<CampaignHeader> {
  const header = await readCampaignHeader(id);
  if (!header) throw new AppFailure('NOT_FOUND', 'There is no such campaign. It may have been started on another site.');
  return header;
}

const withAnswers = (task: StoredOwnerTask, answers: ReadonlyMap<string, AttestationAnswer>): CampaignItem[] => task.items.map((i) => ({ ...i, answer: answers.get(i.accountId) ?? null }));

export async function getCampaign(id: string, now = new Date()): Promise<CampaignDetail> {
  const header = await requireCampaign(id);
  const tasks = await readOwnerTasks(id);
  const answers = await readAnswers(id);
  const owners: CampaignOwnerTask[] = [];
  for (const t of tasks) {
    owners.push({ ...t, items: withAnswers(t, answers), issueKey: await readWorkItem(ownerWorkItemKey(id, t.ownerAccountId)), escalations: await readEscalations(id, t.ownerAccountId) });
  }
  return { ...summaryOf(header, campaignProgress(header, tasks, answers, now)), owners, unownedAccountIds: header.unownedAccountIds };
}

/** Open items the caller answers, as owner or as a backup of the owner. */
export async function attestationsFor(accountId: string, now = new Date()): Promise<AttestationTask[]> {
  const out: AttestationTask[] = [];
  for (const h of await readAllCampaignHeaders()) {
    const tasks = (await readOwnerTasks(h.id)).filter((t) => t.ownerAccountId === accountId || t.backupAccountIds.includes(accountId));
    if (tasks.length === 0) continue;
    const answers = await readAnswers(h.id);
    for (const t of tasks) {
      const items = withAnswers(t, answers);
      if (items.every((i) => i.answer !== null) && now.getTime() > dueEnd(h.dueDate) + 30 * 86_400_000) continue; // long closed
      out.push({
        campaignId: h.id,
        campaignName: h.name,
        dueDate: h.dueDate,
        as: t.ownerAccountId === accountId ? 'owner' : 'backup',
        ownerAccountId: t.ownerAccountId,
        issueKey: await readWorkItem(ownerWorkItemKey(h.id, t.ownerAccountId)),
        items,
      });
    }
  }
  return out;
}

const DECISION_WORDS: Record<AttestationDecision, string> = { keep: 'still needed', 'change-owner': 'owner changes', retire: 'retire' };

/**
 * Records the caller's answer for one item. Only the item's owner, or a backup named on the owner's
 * task, may answer (decided from stored data and the caller's account id, never from the payload).
 * "Owner changes" moves the record to the new owner as well.
 */
export async function answerAttestation(args: {
  campaignId: string;
  accountId: string;
  decision: AttestationDecision;
  newOwnerAccountId: string | null;
  comment: string;
  by: string;
  now?: Date;
}): Promise<CampaignItem> {
  const now = args.now ?? new Date();
  const header = await requireCampaign(args.campaignId);
  const task = (await readOwnerTasks(header.id)).find((t) => t.items.some((i) => i.accountId === args.accountId));
  if (!task || (task.ownerAccountId !== args.by && !task.backupAccountIds.includes(args.by))) {
    throw new AppFailure('FORBIDDEN', 'Only the owner of this integration, or its backup, can answer for it.');
  }
  if (args.decision === 'change-owner' && (!args.newOwnerAccountId || args.newOwnerAccountId === task.ownerAccountId)) {
    throw new AppFailure('INVALID_INPUT', 'newOwnerAccountId: choose the person who owns it from now on.');
  }
  const answer: AttestationAnswer = { decision: args.decision, newOwnerAccountId: args.decision === 'change-owner' ? args.newOwnerAccountId : null, comment: args.comment, by: args.by, at: now.toISOString() };
  const describe = `${DECISION_WORDS[args.decision]}${answer.newOwnerAccountId ? ` (new owner ${answer.newOwnerAccountId})` : ''}${args.comment ? `: ${args.comment}` : ''}`;
  await writeAnswer({ campaignId: header.id, campaignName: header.name, accountId: args.accountId, answer, describe });
  if (answer.newOwnerAccountId) {
    const current = await readOwnership(args.accountId);
    if (current.ownership) await saveOwnership({ accountId: args.accountId, baseVersion: current.version, ownership: { ...current.ownership, ownerAccountId: answer.newOwnerAccountId }, by: args.by, now });
  }
  const item = task.items.find((i) => i.accountId === args.accountId) as StoredOwnerTask['items'][number];
  return { ...item, answer };
}

export type { EscalationDays };
