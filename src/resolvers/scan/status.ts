import { z } from 'zod';
import { scanStatus } from '../../scan/engine';
import { defineResolver } from '../define';

/** scan/status: phase, progress, points and requests used, errors, budget. Policy: jira-admin. */
export const scanStatusResolver = defineResolver({
  key: 'scan/status',
  policy: 'jira-admin',
  input: z.object({}).strict(),
  run: () => scanStatus(),
});
