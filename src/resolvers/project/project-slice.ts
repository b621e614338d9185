import type { ActivityTrend, Credential, ExpiryTier, IdentityRecord, OrphanNotice, Ownership, PersonRef, ProjectActivity, ProjectIntegration, ProjectNote } from '../../contract';
import { isActive } from '../../rules/access';
import { issuesTouchedIn } from '../../rules/blast-radius';
import { expiryTier } from '../../rules/expiry';
import { callList, unknownPerson } from './who-to-call';

/** How urgent each tier is; the page shows the worst one. */
const TIER_URGENCY: Record<ExpiryTier, number> = { expired: 4, critical: 3, warning: 2, unknown: 1, ok: 0 };

/** Whether an identity touches the project: it did something here, or holds access here. */
export function touches(p: ProjectActivity | undefined): p is ProjectActivity {
  return !!p && (p.hasAccess || isActive(p));
}

export interface SliceInputs {
  record: IdentityRecord;
  here: ProjectActivity;
  ownership: Ownership | null;
  credentials: readonly Credential[];
  /** Owners, backups and credential owners as the app last learned them from Jira, by account id. */
  people: ReadonlyMap<string, PersonRef>;
  trend: ActivityTrend | null;
  note: ProjectNote | null;
  /** The owner left: who it was handed over to (registry/orphans.ts). */
  orphaned?: OrphanNotice | null;
  now: Date;
}

/**
 * One integration as the project page shows it: this project's activity and access only (no other
 * project, no evidence, no scores), with the people to call and how to reach them. Pure.
 */
export function projectSlice(input: SliceInputs): ProjectIntegration {
  const { record, here, ownership, credentials, people, now } = input;
  const person = (id: string | null | undefined): PersonRef | null => (id ? (people.get(id) ?? unknownPerson(id)) : null);
  const views = credentials.map((c) => expiryTier(c.expiresAt, now));
  const worst = views.reduce<(typeof views)[number] | null>((w, v) => (!w || TIER_URGENCY[v.tier] > TIER_URGENCY[w.tier] || (v.tier === w.tier && (v.daysToExpiry ?? Infinity) < (w.daysToExpiry ?? Infinity)) ? v : w), null);
  return {
    accountId: record.accountId,
    displayName: record.displayName,
    kind: record.kind,
    active: record.active,
    activity: {
      touches: here.touches,
      issuesTouched: issuesTouchedIn(here),
      created: here.created,
      updated: here.updated,
      transitioned: here.transitioned,
      commented: here.commented,
      worked: here.worked,
      transitions: here.transitioned,
      worklogs: here.worked,
      lastActivity: here.lastActivity,
      trend: input.trend,
    },
    access: { hasAccess: here.hasAccess, canEdit: here.canEdit, roles: [...new Set(here.roles.map((r) => r.name))], used: isActive(here) },
    owner: person(ownership?.ownerAccountId),
    backup: person(ownership?.backupAccountId),
    team: ownership?.team ?? '',
    purpose: ownership?.purpose ?? '',
    runbookUrl: ownership?.runbookUrl ?? '',
    credentials: { count: credentials.length, worstTier: worst?.tier ?? null, daysToExpiry: worst?.daysToExpiry ?? null },
    ...callList(ownership, credentials, people),
    note: input.note,
    orphaned: input.orphaned ?? null,
  };
}
