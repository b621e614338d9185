import { z } from 'zod';
import { deleteCredential } from '../../registry/credential-edit';
import { ACCOUNT_ID } from '../../registry/validation';
import { defineResolver } from '../define';
import { CREDENTIAL_ID } from './save';

/** credentials/delete: remove one credential's metadata; the history keeps its last values. Policy: jira-admin. */
export const deleteCredentialResolver = defineResolver({
  key: 'credentials/delete',
  policy: 'jira-admin',
  input: z.object({ accountId: ACCOUNT_ID, baseVersion: z.number().int().min(0).max(2_000_000_000), credentialId: CREDENTIAL_ID }).strict(),
  async run({ payload, caller }) {
    return deleteCredential({ ...payload, by: caller.accountId });
  },
});
