import { z } from 'zod';
import { importCsv } from '../../registry/csv-commit';
import { defineResolver } from '../define';

// About 500 rows of generous width; Forge's invocation payload limit is far above this.
const MAX_CSV_CHARS = 512 * 1024;

/**
 * credentials/import: `preview` reports per-row errors and what would change, writing nothing;
 * `commit` writes the whole file or nothing. Re-importing the same file changes nothing. Policy: jira-admin.
 */
export const importCredentials = defineResolver({
  key: 'credentials/import',
  policy: 'jira-admin',
  input: z.object({ csv: z.string().min(1, 'the file is empty').max(MAX_CSV_CHARS, 'the file is too large; import at most 500 rows at a time'), mode: z.enum(['preview', 'commit']) }).strict(),
  async run({ payload, caller }) {
    return importCsv(payload.csv, payload.mode, caller.accountId);
  },
});
