import { z } from 'zod';
import { cancelScan } from '../../scan/engine';
import { defineResolver } from '../define';

/** scan/cancel: stops the running scan (the published snapshot stays). Policy: jira-admin. */
export const cancelScanResolver = defineResolver({
  key: 'scan/cancel',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => cancelScan(),
});
