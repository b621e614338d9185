import { searchIssuesPage } from './search';
import type { JiraClient } from './client';

/**
 * Keys of issues whose entity property `propertyKey` has `path` equal to `value` (JQL
 * `issue.property[key].path = "value"`; the manifest's jira:entityProperty module indexes it).
 * Jira's search index lags writes by seconds, so a miss right after a create proves nothing.
 */
export async function findIssuesByProperty(client: JiraClient, propertyKey: string, path: string, value: string): Promise<string[]> {
  const jql = `issue.property[${propertyKey}].${path} = "${value.replace(/["\\]/g, '\\$&')}" ORDER BY created ASC`;
  const page = await searchIssuesPage(client, jql, ['key'], undefined, 10);
  return page.issues.map((i) => i.key).filter((k): k is string => typeof k === 'string');
}
