import { z } from 'zod';
import { DEFAULT_ESCALATION_DAYS, type CampaignSummary, type Credential } from '../../contract';
import { AppFailure } from '../../errors';
import { INTERACTIVE, JiraClient } from '../../jira/client';
import { runCampaignSweep } from '../../registry/campaign-sweep';
import { listCampaigns, newCampaignId, planCampaign, startCampaign } from '../../registry/campaigns';
import { readAllCredentials } from '../../registry/credential-store';
import { readAllOwnership } from '../../registry/ownership-store';
import { readReminderSettings } from '../../registry/reminder-settings';
import { safeText } from '../../registry/validation';
import { checkWorkItemTarget } from '../../registry/work-item-target';
import { defineResolver } from '../define';
import { peopleNames } from '../identities/people-names';
import { campaignCandidates } from './candidates';

const KINDS = ['service-account', 'app-account', 'rovo-agent', 'person-integration'] as const;
const DAYS = z.number().int().min(0).max(365);
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

const Input = z
  .object({
    name: safeText(120).refine((s) => s.trim().length > 0, 'must not be empty'),
    scope: z.object({ kind: z.enum(KINDS).optional(), projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/).optional(), team: safeText(100).optional() }).strict(),
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key'),
    issueTypeId: z.string().regex(/^\d{1,18}$/, 'must be an issue type id').nullable(),
    dueDate: ISO_DATE,
    escalation: z.object({ remindOwner: DAYS.optional(), escalateToBackup: DAYS.optional(), escalateToAdmins: DAYS.optional() }).strict().optional(),
  })
  .strict();

/**
 * campaigns/start: asks every owner of the identities in scope to confirm what they own, with one
 * Jira work item each in the chosen project (created now as far as time allows, the rest by the
 * daily sweep). Policy: jira-admin.
 */
export const startCampaignResolver = defineResolver({
  key: 'campaigns/start',
  policy: 'jira-admin',
  input: Input,
  async run({ payload, caller }): Promise<CampaignSummary> {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    if (Number.isNaN(Date.parse(`${payload.dueDate}T00:00:00Z`)) || payload.dueDate < today) throw new AppFailure('INVALID_INPUT', 'dueDate: must be today or later.');
    const escalation = { ...DEFAULT_ESCALATION_DAYS, ...payload.escalation };
    if (!(escalation.remindOwner <= escalation.escalateToBackup && escalation.escalateToBackup <= escalation.escalateToAdmins)) {
      throw new AppFailure('INVALID_INPUT', 'escalation: the reminder comes first, then the backup, then the admins (days must not decrease).');
    }
    const client = new JiraClient(INTERACTIVE);
    const target = await checkWorkItemTarget(client, payload.projectKey, payload.issueTypeId);
    const ownership = await readAllOwnership();
    const candidates = await campaignCandidates(ownership, payload.scope.projectKey !== undefined);
    const credentials = new Map<string, Credential[]>((await readAllCredentials()).map((g) => [g.accountId, g.credentials]));
    const ownerIds = [...new Set([...ownership.values()].map((o) => o.ownerAccountId).filter(Boolean))];
    const names = new Map([...(await peopleNames(ownerIds, 50, 'now'))].map(([id, u]) => [id, u.displayName]));
    const plan = planCampaign(candidates, ownership, credentials, payload.scope, names);
    if (plan.tasks.length === 0) throw new AppFailure('INVALID_INPUT', 'scope: no identity in this scope has an owner to ask. Record owners first, or widen the scope.');
    const header = await startCampaign(
      {
        id: newCampaignId(now),
        name: payload.name.trim(),
        scope: payload.scope,
        projectKey: target.projectKey,
        issueTypeId: target.issueTypeId,
        dueDate: payload.dueDate,
        createdAt: now.toISOString(),
        createdBy: caller.accountId,
        escalation,
        siteUrl: caller.siteUrl,
      },
      plan,
    );
    // The owners' work items now, within the page's time; the daily sweep creates any that remain.
    const settings = await readReminderSettings();
    await runCampaignSweep(client, { now, adminGroup: settings.recipients.adminGroup, deadline: Date.now() + 12_000, onlyCampaign: header.id });
    const summary = (await listCampaigns(now)).find((c) => c.id === header.id);
    if (!summary) throw new AppFailure('UNAVAILABLE', 'The campaign was stored but could not be read back. Reload the page.');
    return summary;
  },
});
