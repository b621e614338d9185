import type { IdentityListQuery, IdentityRow } from '../../contract';

type Row = Omit<IdentityRow, 'ownerName'>;

/** Natural order for names: "Jira 2" before "Jira 10", case and accents aside. */
const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Filters, sorts and pages identity rows for identities/list (pure). `ownerName` names an owner for
 * the owner sort (by name, as the column shows it; an unknown name sorts by its account id).
 */
export function queryIdentities<T extends Row>(
  all: readonly T[],
  q: IdentityListQuery,
  touchedProject: (accountId: string) => boolean,
  ownerName: (accountId: string) => string | undefined = () => undefined,
): { items: T[]; total: number } {
  const search = q.search?.trim().toLowerCase();
  const filtered = all.filter(
    (s) =>
      (!search || s.displayName.toLowerCase().includes(search) || s.accountId.toLowerCase().includes(search) || (s.email ?? '').toLowerCase().includes(search)) &&
      (!q.kind || s.kind === q.kind) &&
      (!q.risk || s.risks.includes(q.risk)) &&
      (!q.owner || (q.owner === 'none' ? !s.ownerAccountId : s.ownerAccountId === q.owner)) &&
      (!q.projectKey || touchedProject(s.accountId)),
  );
  const { field, direction } = q.sort ?? { field: 'name', direction: 'asc' };
  const sign = direction === 'asc' ? 1 : -1;
  const value = (s: Row): string | number => {
    switch (field) {
      case 'name':
        return s.displayName;
      case 'kind':
        return s.kind;
      case 'projectsTouched':
        return s.projectsTouched;
      case 'lastActivity':
        return s.lastActivity ?? '';
      case 'owner':
        // Unowned first when ascending: they are the ones to fix.
        return s.ownerAccountId ? (ownerName(s.ownerAccountId) ?? s.ownerAccountId) : '';
      case 'nearestExpiry':
        // No expiry sorts last when ascending.
        return s.nearestExpiry ?? '9999-12-31';
    }
  };
  const sorted = [...filtered].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const order = typeof va === 'string' && typeof vb === 'string' ? natural.compare(va, vb) : va < vb ? -1 : va > vb ? 1 : 0;
    return (order || a.accountId.localeCompare(b.accountId)) * sign;
  });
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  return { items: sorted.slice(offset, offset + limit), total: filtered.length };
}
