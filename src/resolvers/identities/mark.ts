import { z } from 'zod';
import type { Override } from '../../rules/classification';
import { setOverride } from '../../scan/overrides';
import { defineResolver } from '../define';
import { ACCOUNT_ID } from './get';

/**
 * identity/mark: an admin marks an account as an integration (true), as not one (false), or
 * returns it to the heuristics (null). Takes effect at the next scan. Policy: jira-admin.
 */
export const markIdentity = defineResolver({
  key: 'identity/mark',
  policy: 'jira-admin',
  input: z.object({ accountId: ACCOUNT_ID, integration: z.boolean().nullable() }).strict(),
  async run({ payload }) {
    const override: Override = payload.integration === null ? null : payload.integration ? 'integration' : 'not-integration';
    await setOverride(payload.accountId, override);
    return { override };
  },
});
