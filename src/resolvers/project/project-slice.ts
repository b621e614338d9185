import type { ActivityTrend, Credential, ExpiryTier, IdentityRecord, OrphanNotice, Ownership, PersonRef, ProjectActivity, ProjectIntegration, ProjectNote } from '../../contract';
import { isActive } from '../../rules/access';
import { issuesTouchedIn } from '../../rules/blast-radius';
import { expiryTier } from '../../rules/expiry';
import { whoToCall } from './who-to-call';

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
  /** Display names and active flags of owners, backups and credential owners, by account id. */
  people: ReadonlyMap<string, PersonRef>;
  trend: ActivityTrend | null;
  note: ProjectNote | null;
  /** The owner left: who it was handed over to (registry/orphans.ts). */
  orphaned?: OrphanNotice | null;
  now: Date;
}

/**
 * One integration as the project page shows it: this project's activity and access only (no other
 * project, no email, no evidence, no account ids of people). Pure.
 */
export function projectSlice(input: SliceInputs): ProjectIntegration {
  const { record, here, ownership, credentials, people, now } = input;
  const person = (id: string | null | undefined): PersonRef | null => (id ? (people.get(id) ?? { displayName: 'Name unavailable', active: true }) : null);
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
    credentials: { count: credentials.length, worstTier: worst?.tier ?? null, daysToExpiry: worst?.daysToExpiry ?? null },
    whoToCall: whoToCall(ownership, credentials, people),
    note: input.note,
    orphaned: input.orphaned ?? null,
  };
}
