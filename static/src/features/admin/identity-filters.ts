import type { IdentityKind, IdentityListQuery, RiskCode } from '../../../../src/contract';
import { withQuery } from '../../app/paths';
import { KIND_LABELS, RISK_LABELS } from './labels';

export const PAGE_SIZE = 50;
export type SortField = NonNullable<IdentityListQuery['sort']>['field'];
const SORT_FIELDS: SortField[] = ['name', 'kind', 'projectsTouched', 'lastActivity', 'owner', 'nearestExpiry'];

/** The identities list's filters, as the address holds them: `/identities?kind=&risk=&project=&owner=&q=&sort=&page=`. */
export interface IdentityFilters {
  q: string;
  kind: IdentityKind | '';
  risk: RiskCode | '';
  project: string;
  /** An owner's account id, or 'none'. */
  owner: string;
  sort: NonNullable<IdentityListQuery['sort']>;
  /** 1-based. */
  page: number;
}

export const DEFAULT_SORT: IdentityFilters['sort'] = { field: 'name', direction: 'asc' };

/** Whether the project key filter is usable (Jira project keys: a capital letter, then capitals, digits, _). */
export const validProjectKey = (k: string) => k === '' || /^[A-Z][A-Z0-9_]{0,254}$/.test(k);

/** Reads the filters from the address; anything unknown is ignored (an old bookmark still opens). */
export function filtersFromQuery(q: URLSearchParams): IdentityFilters {
  const kind = q.get('kind') ?? '';
  const risk = q.get('risk') ?? '';
  const sortRaw = q.get('sort') ?? '';
  const desc = sortRaw.startsWith('-');
  const field = (desc ? sortRaw.slice(1) : sortRaw) as SortField;
  const page = Number(q.get('page') ?? '1');
  return {
    q: q.get('q') ?? '',
    kind: kind in KIND_LABELS ? (kind as IdentityKind) : '',
    risk: risk in RISK_LABELS ? (risk as RiskCode) : '',
    project: (q.get('project') ?? '').toUpperCase(),
    owner: q.get('owner') ?? '',
    sort: SORT_FIELDS.includes(field) ? { field, direction: desc ? 'desc' : 'asc' } : DEFAULT_SORT,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The address for these filters (defaults left out, so that the plain list is just `/identities`). */
export function identitiesPath(f: IdentityFilters): string {
  const isDefaultSort = f.sort.field === DEFAULT_SORT.field && f.sort.direction === DEFAULT_SORT.direction;
  return withQuery('/identities', {
    q: f.q.trim(),
    kind: f.kind,
    risk: f.risk,
    project: f.project,
    owner: f.owner,
    sort: isDefaultSort ? '' : `${f.sort.direction === 'desc' ? '-' : ''}${f.sort.field}`,
    page: f.page > 1 ? f.page : '',
  });
}

/** The identities/list query for these filters. */
export function toListQuery(f: IdentityFilters): IdentityListQuery {
  const q: IdentityListQuery = { sort: f.sort, offset: (f.page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  if (f.q.trim()) q.search = f.q.trim();
  if (f.kind) q.kind = f.kind;
  if (f.risk) q.risk = f.risk;
  if (f.project && validProjectKey(f.project)) q.projectKey = f.project;
  if (f.owner) q.owner = f.owner;
  return q;
}

export const isFiltered = (f: IdentityFilters) => Boolean(f.q || f.kind || f.risk || f.project || f.owner);
