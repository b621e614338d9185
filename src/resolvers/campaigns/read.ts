import { z } from 'zod';
import { getCampaign, listCampaigns } from '../../registry/campaigns';
import { toCsv } from '../../registry/csv';
import { defineResolver } from '../define';

const CAMPAIGN_ID = z.string().regex(/^c[a-z0-9]{6,30}$/, 'must be a campaign id');

/** campaigns/list: every campaign with its progress, newest first. Policy: jira-admin. */
export const listCampaignsResolver = defineResolver({
  key: 'campaigns/list',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => listCampaigns(),
});

/** campaigns/get: one campaign with each owner's items, answers, work items and escalations. Policy: jira-admin. */
export const getCampaignResolver = defineResolver({
  key: 'campaigns/get',
  policy: 'jira-admin',
  input: z.object({ id: CAMPAIGN_ID }).strict(),
  run: ({ payload }) => getCampaign(payload.id),
});

const DECISION = { keep: 'still needed', 'change-owner': 'owner changes', retire: 'retire' } as const;

/** campaigns/export: the evidence, one CSV row per identity with its answer, who and when. Policy: jira-admin. */
export const exportCampaignResolver = defineResolver({
  key: 'campaigns/export',
  policy: 'jira-admin',
  input: z.object({ id: CAMPAIGN_ID }).strict(),
  async run({ payload }) {
    const c = await getCampaign(payload.id);
    const overdue = Date.now() > Date.parse(`${c.dueDate}T23:59:59.999Z`);
    const rows = c.owners.flatMap((o) =>
      o.items.map((i) => [
        c.name,
        c.dueDate,
        o.ownerName,
        o.ownerAccountId,
        o.issueKey ?? '',
        i.displayName,
        i.accountId,
        i.kind,
        i.credentials.map((k) => `${k.label}${k.expiresAt ? ` (${k.expiresAt})` : ''}`).join('; '),
        i.projectsTouched.join(' '),
        i.lastActivity ?? '',
        i.answer ? DECISION[i.answer.decision] : overdue ? 'overdue' : 'not answered',
        i.answer?.newOwnerAccountId ?? '',
        i.answer?.comment ?? '',
        i.answer?.by ?? '',
        i.answer?.at ?? '',
      ]),
    );
    const header = ['campaign', 'due date', 'owner', 'owner account id', 'work item', 'identity', 'identity account id', 'kind', 'credentials', 'projects touched', 'last activity', 'answer', 'new owner account id', 'comment', 'answered by', 'answered at'];
    // The registry's one CSV writer: formula-like cells defused, as the credentials export does.
    const csv = toCsv(header, rows);
    return { csv, filename: `attestation-${c.id}-${new Date().toISOString().slice(0, 10)}.csv` };
  },
});
