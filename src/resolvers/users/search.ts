import { z } from 'zod';
import { searchPeople } from '../../jira/user-search';
import { safeText } from '../../registry/validation';
import { defineResolver } from '../define';

/** users/search: people for the owner and backup pickers, found as the calling admin. Policy: jira-admin. */
export const searchUsers = defineResolver({
  key: 'users/search',
  policy: 'jira-admin',
  input: z.object({ query: safeText(100).refine((q) => q.trim().length > 0, 'type at least one character') }).strict(),
  async run({ payload }) {
    return searchPeople(payload.query.trim());
  },
});
