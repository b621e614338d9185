import { z } from 'zod';
import { saveCredential } from '../../registry/credential-edit';
import { toCredentialView } from '../../registry/credential-view';
import { accountExists, requireActivePeople } from '../../registry/people';
import { ACCOUNT_ID, CredentialInputSchema } from '../../registry/validation';
import { defineResolver } from '../define';
import { AppFailure } from '../../errors';

const VERSION = z.number().int().min(0).max(2_000_000_000);
export const CREDENTIAL_ID = z.string().regex(/^[0-9a-f]{20}$/, 'must be a credential id from credentials/list');

/** credentials/save: create or edit one credential's metadata (never its secret). Policy: jira-admin. */
export const saveCredentialResolver = defineResolver({
  key: 'credentials/save',
  policy: 'jira-admin',
  input: z.object({ accountId: ACCOUNT_ID, baseVersion: VERSION, credentialId: CREDENTIAL_ID.optional(), credential: CredentialInputSchema }).strict(),
  async run({ payload, caller }) {
    if (!(await accountExists(payload.accountId))) throw new AppFailure('NOT_FOUND', 'No Jira account has that account id.');
    await requireActivePeople([{ field: 'credential.ownerAccountId', accountId: payload.credential.ownerAccountId }]);
    const { version, credential } = await saveCredential({
      accountId: payload.accountId,
      baseVersion: payload.baseVersion,
      ...(payload.credentialId ? { credentialId: payload.credentialId } : {}),
      input: payload.credential,
      by: caller.accountId,
    });
    return { version, credential: toCredentialView(credential, new Date()) };
  },
});
