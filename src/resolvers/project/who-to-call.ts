import type { Contact, Credential, Ownership, PersonRef } from '../../contract';

/**
 * Whom to call, in order: the owner, then the backup, then people who answer for single credentials,
 * each once, leaving out anyone deactivated (they cannot pick up) but counting them. People the app
 * has no record of are named as such rather than dropped. Pure.
 */
export function callList(ownership: Ownership | null, credentials: readonly Credential[], people: ReadonlyMap<string, PersonRef>): { callList: Contact[]; deactivatedContacts: number } {
  const order: Array<{ id: string; role: Contact['role'] }> = [];
  const add = (id: string | null | undefined, role: Contact['role']) => {
    if (id && !order.some((o) => o.id === id)) order.push({ id, role });
  };
  add(ownership?.ownerAccountId, 'owner');
  add(ownership?.backupAccountId, 'backup');
  for (const c of credentials) add(c.ownerAccountId, 'credential-owner');
  const contacts = order.map(({ id, role }): Contact => ({ ...(people.get(id) ?? unknownPerson(id)), role }));
  const callable = contacts.filter((c) => c.active);
  return { callList: callable, deactivatedContacts: contacts.length - callable.length };
}

/** A recorded person the app never looked up (a record older than the people store): shown, not hidden. */
export function unknownPerson(accountId: string): PersonRef {
  return { accountId, displayName: 'Name not known yet', active: true, email: null };
}
