import { z } from 'zod';
import { readHistory } from '../../registry/history-store';
import { ACCOUNT_ID } from '../../registry/validation';
import { defineResolver } from '../define';
import { pageCursor, readWithCursor } from './cursor';

/** history/list: one identity's registry history, newest first, 20 entries a page. Policy: jira-admin. */
export const listHistory = defineResolver({
  key: 'history/list',
  policy: 'jira-admin',
  input: z.object({ accountId: ACCOUNT_ID, cursor: pageCursor.optional() }).strict(),
  async run({ payload }) {
    return readWithCursor(() => readHistory(payload.accountId, payload.cursor));
  },
});
