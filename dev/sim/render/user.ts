// Users in the spec's shapes: User (full, with accountType/appType) and UserDetails (authors).
import type { SimGroup, SimUser, SiteData } from '../model.js';

/** The two letters on a person's default avatar. */
export function initialsOf(u: SimUser): string {
  return u.displayName
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
    .replace(/[^A-Z]/g, 'X');
}

export function avatarUrls(site: SiteData, u: SimUser): Record<string, string> {
  if (site.avatarBaseUrl) {
    const local = `${site.avatarBaseUrl}/initials/${initialsOf(u)}.svg`;
    return { '48x48': `${local}?size=48`, '24x24': `${local}?size=24`, '16x16': `${local}?size=16`, '32x32': `${local}?size=32` };
  }
  const base = `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${initialsOf(u)}-4.png`;
  return {
    '48x48': `${base}?size=48&s=48`,
    '24x24': `${base}?size=24&s=24`,
    '16x16': `${base}?size=16&s=16`,
    '32x32': `${base}?size=32&s=32`,
  };
}

export function userSelf(site: SiteData, u: SimUser): string {
  return `${site.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`;
}

export function groupName(site: SiteData, g: SimGroup): { name: string; groupId: string; self: string } {
  return { name: g.name, groupId: g.groupId, self: `${site.baseUrl}/rest/api/3/group?groupId=${g.groupId}` };
}

/** The full User object. Expansions: groups, applicationRoles. */
export function userJson(site: SiteData, u: SimUser, expand: readonly string[] = []): Record<string, unknown> {
  const groups = [...u.groupIdxs].map((i) => site.groups[i]).filter((g): g is SimGroup => g !== undefined);
  const out: Record<string, unknown> = {
    self: userSelf(site, u),
    accountId: u.accountId,
    accountType: u.accountType,
    ...(u.appType ? { appType: u.appType } : {}),
    ...(u.email && u.emailVisible ? { emailAddress: u.email } : {}),
    avatarUrls: avatarUrls(site, u),
    displayName: u.displayName,
    active: u.active,
    timeZone: u.timeZone,
    locale: u.locale,
  };
  if (expand.includes('groups')) out.groups = { size: groups.length, items: groups.map((g) => groupName(site, g)) };
  if (expand.includes('applicationRoles')) {
    const licensed = u.accountType === 'atlassian' && u.active;
    out.applicationRoles = licensed
      ? { size: 1, items: [{ key: 'jira-software', name: 'Jira Software' }] }
      : { size: 0, items: [] };
  }
  if (expand.length > 0) out.expand = ['groups', 'applicationRoles'].filter((e) => !expand.includes(e)).join(',') || undefined;
  if (out.expand === undefined) delete out.expand;
  return out;
}

/** The short form Jira uses for authors and group members: no appType. */
export function userDetailsJson(site: SiteData, u: SimUser): Record<string, unknown> {
  return {
    self: userSelf(site, u),
    accountId: u.accountId,
    ...(u.email && u.emailVisible ? { emailAddress: u.email } : {}),
    avatarUrls: avatarUrls(site, u),
    displayName: u.displayName,
    active: u.active,
    timeZone: u.timeZone,
    accountType: u.accountType,
  };
}
