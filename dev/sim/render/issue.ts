// IssueBean: id, key, self and the requested fields. Field names follow Jira's (summary, project,
// creator, reporter, assignee, status, issuetype, created, updated).
import type { SiteData } from '../model.js';
import { jiraDate } from '../http.js';
import { EVENT_KIND, STATUSES } from '../store/issues.js';
import { ISSUE_TYPES } from '../store/issue-types.js';
import { changelogJson, commentJson, commentsOf, isChangelogEvent, worklogJson } from './history.js';
import { projectAvatarUrls, projectSelf } from './project.js';
import { userDetailsJson } from './user.js';

export const ALL_FIELDS = ['summary', 'project', 'creator', 'reporter', 'assignee', 'status', 'issuetype', 'created', 'updated', 'comment', 'worklog', 'labels', 'description'] as const;
const SUBJECTS = ['Fix', 'Add', 'Update', 'Investigate', 'Sync', 'Migrate', 'Document', 'Automate'];
const THINGS = ['login flow', 'invoice export', 'release notes', 'nightly report', 'partner feed', 'on-call rota', 'HR import', 'API quota alerts'];

/** The fields to render: "*all"/"*navigable" mean all; "-x" removes x; id/key are top-level. */
export function resolveFields(requested: readonly string[]): { fields: Set<string>; key: boolean } {
  const fields = new Set<string>();
  let key = false;
  for (const f of requested.length > 0 ? requested : ['id']) {
    if (f === '*all' || f === '*navigable') {
      ALL_FIELDS.forEach((x) => fields.add(x));
      key = true;
    } else if (f === 'key') key = true;
    else if (f.startsWith('-')) fields.delete(f.slice(1));
    else if ((ALL_FIELDS as readonly string[]).includes(f)) fields.add(f);
  }
  return { fields, key };
}

/** True when only id/key were asked for: Jira then serves up to 5000 issues a page. */
export function onlyIdAndKey(requested: readonly string[]): boolean {
  return requested.every((f) => f === 'id' || f === 'key');
}

export function issueKeyOf(site: SiteData, issue: number): string {
  return `${site.projects[site.issues.project.get(issue)]?.key ?? '?'}-${site.issues.num.get(issue)}`;
}

export function issueJson(site: SiteData, issue: number, requested: readonly string[], expand: ReadonlySet<string>): Record<string, unknown> {
  const s = site.issues;
  const { fields, key } = resolveFields(requested);
  const project = site.projects[s.project.get(issue)];
  const user = (idx: number) => {
    const u = site.users[idx];
    return u ? userDetailsJson(site, u) : null;
  };
  const values: Record<string, unknown> = {};
  const written = s.written.get(issue);
  for (const f of fields) {
    if (f === 'summary') values.summary = written?.summary ?? `${SUBJECTS[issue % SUBJECTS.length]} ${THINGS[(issue >> 3) % THINGS.length]}`;
    else if (f === 'labels') values.labels = written?.labels ?? [];
    else if (f === 'description') values.description = written?.description ?? null;
    else if (f === 'project' && project) {
      values.project = { self: projectSelf(site, project), id: project.id, key: project.key, name: project.name, projectTypeKey: project.typeKey, simplified: false, avatarUrls: projectAvatarUrls(site, project) };
    } else if (f === 'creator') values.creator = user(s.creator.get(issue));
    else if (f === 'reporter') values.reporter = user(s.reporter.get(issue));
    else if (f === 'assignee') values.assignee = user(s.assignee.get(issue));
    else if (f === 'status') {
      const st = STATUSES[s.status.get(issue)] ?? STATUSES[0];
      values.status = {
        self: `${site.baseUrl}/rest/api/3/status/${st.id}`,
        id: st.id,
        name: st.name,
        statusCategory: { self: `${site.baseUrl}/rest/api/3/statuscategory/${st.categoryId}`, id: st.categoryId, key: st.categoryKey, colorName: st.colorName, name: st.categoryName },
      };
    } else if (f === 'issuetype') {
      const t = ISSUE_TYPES.find((x) => x.id === written?.issueTypeId) ?? ISSUE_TYPES[0];
      values.issuetype = { self: `${site.baseUrl}/rest/api/3/issuetype/${t.id}`, id: t.id, name: t.name, subtask: t.subtask, hierarchyLevel: t.hierarchyLevel };
    }
    else if (f === 'created') values.created = jiraDate(s.created.get(issue));
    else if (f === 'updated') values.updated = jiraDate(s.updated.get(issue));
    else if (f === 'comment') {
      // Jira's comment field: the issue's comments as a PageOfComments.
      const comments = commentsOf(site, issue).map((c) => commentJson(site, issue, c.eventId, c.lastEdit));
      values.comment = { comments, maxResults: comments.length, total: comments.length, startAt: 0 };
    } else if (f === 'worklog') {
      // Jira's worklog field: at most the first 20 worklogs, with the total (more need /issue/{id}/worklog).
      const all = s.eventsOfIssue(issue).filter((e) => s.evKind.get(e) === EVENT_KIND.worklog);
      values.worklog = { startAt: 0, maxResults: 20, total: all.length, worklogs: all.slice(0, 20).map((e) => worklogJson(site, issue, e)) };
    }
  }
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: s.issueId(issue),
    self: `${site.baseUrl}/rest/api/3/issue/${s.issueId(issue)}`,
    ...(key ? { key: issueKeyOf(site, issue) } : {}),
    fields: values,
  };
  if (expand.has('changelog')) {
    // "A list of recent updates": the newest 40 entries, oldest first.
    const all = s.eventsOfIssue(issue).filter((e) => isChangelogEvent(s.evKind.get(e)));
    const recent = all.slice(-40);
    out.changelog = { startAt: 0, maxResults: recent.length, total: all.length, histories: recent.map((e) => changelogJson(site, e)) };
  }
  return out;
}
