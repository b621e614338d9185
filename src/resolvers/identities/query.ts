import type { IdentityListQuery, IdentitySummary } from '../../contract';

/** Filters, sorts and pages identity summaries for identities/list (pure). */
export function queryIdentities(all: readonly IdentitySummary[], q: IdentityListQuery, touchedProject: (accountId: string) => boolean): { items: IdentitySummary[]; total: number } {
  const search = q.search?.trim().toLowerCase();
  const filtered = all.filter(
    (s) =>
      (!search || s.displayName.toLowerCase().includes(search) || s.accountId.toLowerCase().includes(search) || (s.email ?? '').toLowerCase().includes(search)) &&
      (!q.kind || s.kind === q.kind) &&
      (!q.projectKey || touchedProject(s.accountId)),
  );
  const { field, direction } = q.sort ?? { field: 'name', direction: 'asc' };
  const sign = direction === 'asc' ? 1 : -1;
  const value = (s: IdentitySummary): string | number => {
    switch (field) {
      case 'name':
        return s.displayName.toLowerCase();
      case 'kind':
        return s.kind;
      case 'projectsTouched':
        return s.projectsTouched;
      case 'lastActivity':
        return s.lastActivity ?? '';
    }
  };
  const sorted = [...filtered].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return (va < vb ? -1 : va > vb ? 1 : a.accountId.localeCompare(b.accountId)) * sign;
  });
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  return { items: sorted.slice(offset, offset + limit), total: filtered.length };
}
