import { z } from 'zod';
import type { CampaignItem } from '../../contract';
import { answerAttestation, attestationsFor } from '../../registry/campaigns';
import { requireActivePeople } from '../../registry/people';
import { ACCOUNT_ID, safeText } from '../../registry/validation';
import { defineResolver } from '../define';

/** attestation/mine: the open attestations the caller answers, as owner or backup. Policy: signed-in (answers about the caller only). */
export const myAttestations = defineResolver({
  key: 'attestation/mine',
  policy: 'signed-in',
  input: z.object({}).strict(),
  run: ({ caller }) => attestationsFor(caller.accountId),
});

/**
 * attestation/answer: the caller's answer for one identity (still needed, owner changes, retire);
 * written once, with who and when, into the campaign and the identity's history. Policy:
 * owner-or-backup of that identity (stored ownership), and named on the campaign's task.
 */
export const answerAttestationResolver = defineResolver({
  key: 'attestation/answer',
  policy: 'owner-or-backup',
  input: z
    .object({
      campaignId: z.string().regex(/^c[a-z0-9]{6,30}$/, 'must be a campaign id'),
      accountId: ACCOUNT_ID,
      decision: z.enum(['keep', 'change-owner', 'retire']),
      newOwnerAccountId: ACCOUNT_ID.nullable().optional(),
      comment: safeText(500).optional(),
    })
    .strict(),
  record: (p) => p.accountId,
  async run({ payload, caller }): Promise<CampaignItem> {
    if (payload.decision === 'change-owner' && payload.newOwnerAccountId) await requireActivePeople([{ field: 'newOwnerAccountId', accountId: payload.newOwnerAccountId }]);
    return answerAttestation({
      campaignId: payload.campaignId,
      accountId: payload.accountId,
      decision: payload.decision,
      newOwnerAccountId: payload.newOwnerAccountId ?? null,
      comment: payload.comment ?? '',
      by: caller.accountId,
    });
  },
});
