import { z } from 'zod';
import type { IdentityList } from '../../contract';
import { readIdentityRecord, readIdentitySummaries, readSnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';
import { queryIdentities } from './query';

const KINDS = ['service-account', 'app-account', 'rovo-agent', 'person-integration'] as const;

/** identities/list: a page of the last complete snapshot's identities. Policy: jira-admin. */
export const listIdentities = defineResolver({
  key: 'identities/list',
  policy: 'jira-admin',
  input: z
    .object({
      search: z.string().max(200).optional(),
      kind: z.enum(KINDS).optional(),
      projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key').optional(),
      sort: z.object({ field: z.enum(['name', 'kind', 'projectsTouched', 'lastActivity']), direction: z.enum(['asc', 'desc']) }).strict().optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  async run({ payload }): Promise<IdentityList> {
    const pointer = await readSnapshotPointer();
    if (!pointer) return { items: [], total: 0, snapshot: null };
    const summaries = await readIdentitySummaries(pointer);
    // The project filter needs each identity's projects: read only those records, only when asked.
    let touched = new Set<string>();
    if (payload.projectKey) {
      const records = await Promise.all(summaries.filter((s) => s.projectsTouched > 0).map((s) => readIdentityRecord(pointer, s.accountId)));
      touched = new Set(records.filter((r) => r?.projects.some((p) => p.projectKey === payload.projectKey && (p.updated > 0 || p.worklogs > 0))).map((r) => r?.accountId ?? ''));
    }
    const page = queryIdentities(summaries, payload, (id) => touched.has(id));
    return { ...page, snapshot: { completedAt: pointer.completedAt, windowDays: pointer.windowDays } };
  },
});
