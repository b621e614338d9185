import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';
import { JiraUnavailableError } from './errors';

/** AuditRecordBean's objectItem and associatedItems (AssociatedItemBean): what a record is about. */
const Item = z.object({ id: z.string().optional(), name: z.string().optional(), typeName: z.string().optional() }).passthrough();

const Answer = z
  .object({
    total: z.number().optional(),
    records: z
      .array(z.object({ category: z.string().optional(), summary: z.string().optional(), created: z.string().optional(), objectItem: Item.optional(), associatedItems: z.array(Item).optional() }).passthrough())
      .default([]),
  })
  .passthrough();

export interface AuditItem {
  id: string;
  name: string;
  typeName: string;
}

export interface AuditRecord {
  category: string;
  summary: string;
  objectItem: AuditItem | null;
  associatedItems: AuditItem[];
}

const item = (i: z.infer<typeof Item>): AuditItem => ({ id: i.id ?? '', name: i.name ?? '', typeName: i.typeName ?? '' });

/**
 * GET /rest/api/3/auditing/record since a time: the configuration changes (user, group, role,
 * permission, project) Jira recorded, with what each is about. The incremental scan uses it to
 * decide whether access or the directory must be read again.
 */
export async function auditRecordsSince(client: JiraClient, fromIso: string, limit = 1000): Promise<AuditRecord[]> {
  const body = await client.json<unknown>({
    actor: 'app',
    route: route`/rest/api/3/auditing/record?from=${fromIso}&limit=${String(limit)}`,
    maxCost: 1 + limit,
    cost: (b) => 1 + ((b as { records?: unknown[] }).records?.length ?? 0),
  });
  const parsed = Answer.safeParse(body);
  if (!parsed.success) throw new JiraUnavailableError('Jira answered /auditing/record with an unexpected shape');
  return parsed.data.records.map((r) => ({
    category: r.category ?? '',
    summary: r.summary ?? '',
    objectItem: r.objectItem ? item(r.objectItem) : null,
    associatedItems: (r.associatedItems ?? []).map(item),
  }));
}
