import { z } from 'zod';
import { exportCsv } from '../../registry/csv-export';
import { defineResolver } from '../define';

/** credentials/export: every credential's metadata as CSV. Policy: jira-admin. */
export const exportCredentials = defineResolver({
  key: 'credentials/export',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  async run() {
    return { csv: await exportCsv(), filename: `integration-credentials-${new Date().toISOString().slice(0, 10)}.csv` };
  },
});
