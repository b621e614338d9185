import { z } from 'zod';
import { exportCsv } from '../../registry/csv-export';
import { readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';

/** credentials/export: every credential's metadata as CSV, names beside ids. Policy: jira-admin. */
export const exportCredentials = defineResolver({
  key: 'credentials/export',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  async run() {
    // Identity names from the last complete scan (stored); without one the name cells stay empty.
    const pointer = await readSnapshotPointer();
    const summaries = pointer ? await readIdentitySummaries(pointer) : [];
    const names = new Map(summaries.map((s) => [s.accountId, s.displayName]));
    return { csv: await exportCsv(names), filename: `integration-credentials-${new Date().toISOString().slice(0, 10)}.csv` };
  },
});
