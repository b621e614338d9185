import { z } from 'zod';
import { saveOwnership } from '../../registry/ownership-store';
import { accountExists, requireActivePeople } from '../../registry/people';
import { ACCOUNT_ID, OwnershipSchema } from '../../registry/validation';
import { defineResolver } from '../define';
import { AppFailure } from '../../errors';

/**
 * ownership/save: owner, backup, team, purpose, runbook and notes of one identity, based on the
 * version the admin loaded; a stale version gets CONFLICT and stores nothing. Policy: jira-admin.
 */
export const saveOwnershipResolver = defineResolver({
  key: 'ownership/save',
  policy: 'jira-admin',
  input: z.object({ accountId: ACCOUNT_ID, baseVersion: z.number().int().min(0).max(2_000_000_000), ownership: OwnershipSchema }).strict(),
  async run({ payload, caller }) {
    const { accountId, baseVersion, ownership } = payload;
    if (!(await accountExists(accountId))) throw new AppFailure('NOT_FOUND', 'No Jira account has that account id.');
    await requireActivePeople([
      { field: 'ownership.ownerAccountId', accountId: ownership.ownerAccountId },
      { field: 'ownership.backupAccountId', accountId: ownership.backupAccountId },
    ]);
    return saveOwnership({ accountId, baseVersion, ownership, by: caller.accountId });
  },
});
