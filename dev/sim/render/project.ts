// Projects in the spec's Project shape. Expansions: description, lead, insight, url, issueTypes are
// handled the way project/search does; getProject adds description, lead and roles by default.
import type { SimProject, SiteData } from '../model.js';
import { jiraDate } from '../http.js';
import { userJson } from './user.js';
import { ISSUE_TYPES, issueTypeJson } from '../store/issue-types.js';

export function projectSelf(site: SiteData, p: SimProject): string {
  return `${site.baseUrl}/rest/api/3/project/${p.id}`;
}

export function projectAvatarUrls(site: SiteData, p: SimProject): Record<string, string> {
  const base = `${site.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/${10400 + (p.idx % 20)}`;
  return { '48x48': base, '24x24': `${base}?size=small`, '16x16': `${base}?size=xsmall`, '32x32': `${base}?size=medium` };
}

export function projectInsight(site: SiteData, p: SimProject): { totalIssueCount: number; lastIssueUpdateTime?: string } {
  const issues = site.issues.byProject[p.idx] ?? [];
  let last = 0;
  for (const i of issues) last = Math.max(last, site.issues.updated.get(i));
  return { totalIssueCount: issues.length, ...(last > 0 ? { lastIssueUpdateTime: jiraDate(last) } : {}) };
}

export function projectJson(site: SiteData, p: SimProject, expand: ReadonlySet<string>): Record<string, unknown> {
  const lead = site.users[p.leadIdx];
  const out: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: projectSelf(site, p),
    id: p.id,
    key: p.key,
    name: p.name,
    avatarUrls: projectAvatarUrls(site, p),
    projectTypeKey: p.typeKey,
    simplified: false,
    style: 'classic',
    isPrivate: p.isPrivate,
    properties: {},
  };
  if (expand.has('description')) out.description = p.description;
  if (expand.has('lead') && lead) out.lead = userJson(site, lead);
  if (expand.has('insight')) out.insight = projectInsight(site, p);
  if (expand.has('issueTypes')) out.issueTypes = ISSUE_TYPES.map((t) => issueTypeJson(site, t));
  if (expand.has('roles')) {
    out.roles = Object.fromEntries(site.roles.map((r) => [r.name, `${projectSelf(site, p)}/role/${r.id}`]));
  }
  if (expand.has('assigneeType')) out.assigneeType = 'UNASSIGNED';
  return out;
}

export function expandSet(raw: string | null): Set<string> {
  return new Set((raw ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}
