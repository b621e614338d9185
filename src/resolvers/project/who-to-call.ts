import type { Credential, Ownership, PersonRef } from '../../contract';

/**
 * "Who to call" as one sentence: the owner, then the backup, then people who answer for single
 * credentials, skipping anyone deactivated (they cannot pick up). Pure.
 */
export function whoToCall(ownership: Ownership | null, credentials: readonly Credential[], people: ReadonlyMap<string, PersonRef>): string {
  const order: Array<{ id: string; role: string }> = [];
  const add = (id: string | null | undefined, role: string) => {
    if (id && !order.some((o) => o.id === id)) order.push({ id, role });
  };
  add(ownership?.ownerAccountId, 'owner');
  add(ownership?.backupAccountId, 'backup');
  for (const c of credentials) add(c.ownerAccountId, 'credential owner');
  const callable = order.filter((o) => people.get(o.id)?.active !== false);
  const named = callable.map((o) => `${people.get(o.id)?.displayName ?? 'a person whose name Jira did not give'} (${o.role})`);
  const gone = order.length - callable.length;
  const goneNote = gone > 0 ? ` ${gone === 1 ? 'One recorded contact is' : `${gone} recorded contacts are`} deactivated.` : '';
  if (named.length === 0) return `Nobody to call yet: ask a Jira administrator to record an owner and a backup in Integration Registry.${goneNote}`;
  const [first, ...rest] = named;
  return `Call ${first}${rest.length ? `, then ${rest.join(', then ')}` : ''}.${goneNote}`;
}
