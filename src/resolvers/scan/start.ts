import { z } from 'zod';
import { startScan } from '../../scan/engine';
import { defineResolver } from '../define';

/** scan/start: starts a background scan, or joins the running one. Policy: jira-admin. */
export const startScanResolver = defineResolver({
  key: 'scan/start',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => startScan('admin'),
});
