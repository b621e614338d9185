import type { JiraClient } from '../jira/client';
import { getProjectIssueTypes } from '../jira/project-issue-types';
import { invalidInput } from './errors';

/**
 * Where the app may create work items: a project the app can see and one of its standard
 * (non-sub-task) issue types. Only checkWorkItemTarget makes one, so no work item is created
 * with an issue type that Jira would refuse or that belongs to another project.
 */
export interface WorkItemTarget {
  readonly projectKey: string;
  readonly issueTypeId: string;
  readonly issueTypeName: string;
  readonly checked: true;
}

/** Checks project and issue type with Jira (2 points); null issueTypeId picks the project's first standard type. */
export async function checkWorkItemTarget(client: JiraClient, projectKey: string, issueTypeId: string | null): Promise<WorkItemTarget> {
  const project = await getProjectIssueTypes(client, projectKey);
  if (!project) throw invalidInput('projectKey', `no project ${projectKey}, or the app cannot see it`);
  const types = project.issueTypes.filter((t) => !t.subtask);
  if (types.length === 0) throw invalidInput('issueTypeId', `Jira lists no standard issue types for ${project.key}; the app cannot create work items there`);
  const type = issueTypeId === null ? types[0] : types.find((t) => t.id === issueTypeId);
  if (!type) throw invalidInput('issueTypeId', `${issueTypeId} is not a standard issue type of ${project.key} (choose one of: ${types.map((t) => `${t.name} ${t.id}`).join(', ')})`);
  return { projectKey: project.key, issueTypeId: type.id, issueTypeName: type.name, checked: true };
}
