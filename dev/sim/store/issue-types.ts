// The issue types every simulated project offers (a company-managed scheme: Task, Bug, Story and
// the Sub-task type), rendered as the spec's IssueTypeDetails.
import type { SiteData } from '../model.js';

export const ISSUE_TYPES = [
  { id: '10001', name: 'Task', description: 'A small, distinct piece of work.', subtask: false, hierarchyLevel: 0 },
  { id: '10002', name: 'Bug', description: 'A problem or error.', subtask: false, hierarchyLevel: 0 },
  { id: '10004', name: 'Story', description: "A user story: a feature told from the user's perspective.", subtask: false, hierarchyLevel: 0 },
  { id: '10003', name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', subtask: true, hierarchyLevel: -1 },
] as const;
export type SimIssueType = (typeof ISSUE_TYPES)[number];

/** The type an issue written by a caller has, by id or name (what POST /issue accepts); undefined when unknown. */
export function findIssueType(ref: { id?: unknown; name?: unknown }): SimIssueType | undefined {
  if (typeof ref.id === 'string') return ISSUE_TYPES.find((t) => t.id === ref.id);
  if (typeof ref.name === 'string') return ISSUE_TYPES.find((t) => t.name.toLowerCase() === (ref.name as string).toLowerCase());
  return undefined;
}

export function issueTypeJson(site: SiteData, t: SimIssueType): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${site.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${10300 + Number(t.id) - 10000}?size=medium`,
    name: t.name,
    subtask: t.subtask,
    avatarId: 10300 + Number(t.id) - 10000,
    hierarchyLevel: t.hierarchyLevel,
  };
}
