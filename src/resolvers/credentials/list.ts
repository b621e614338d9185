import { z } from 'zod';
import type { CredentialList } from '../../contract';
import { readCredentialPage, readCredentials } from '../../registry/credential-store';
import { toCredentialView } from '../../registry/credential-view';
import { ACCOUNT_ID } from '../../registry/validation';
import { defineResolver } from '../define';
import { pageCursor, readWithCursor } from '../history/cursor';

/**
 * credentials/list: one identity's credentials (with the version to save against), or, without an
 * account id, every identity's, a page at a time. Policy: jira-admin.
 */
export const listCredentials = defineResolver({
  key: 'credentials/list',
  policy: 'jira-admin',
  input: z.object({ accountId: ACCOUNT_ID.optional(), cursor: pageCursor.optional() }).strict(),
  async run({ payload }): Promise<CredentialList> {
    const now = new Date();
    if (payload.accountId) {
      const one = await readCredentials(payload.accountId);
      return { identities: [{ accountId: one.accountId, version: one.version, credentials: one.credentials.map((c) => toCredentialView(c, now)) }], nextCursor: null };
    }
    const page = await readWithCursor(() => readCredentialPage(payload.cursor));
    return {
      identities: page.groups.map((g) => ({ accountId: g.accountId, version: g.version, credentials: g.credentials.map((c) => toCredentialView(c, now)) })),
      nextCursor: page.nextCursor,
    };
  },
});
