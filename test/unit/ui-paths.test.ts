import { describe, expect, it } from 'vitest';
import { matchPath, withQuery } from '../../static/src/app/paths';
import { filtersFromQuery, identitiesPath, toListQuery } from '../../static/src/features/admin/identity-filters';
import { findAdminRoute } from '../../static/src/features/admin/routes';

describe('app paths', () => {
  it.each([
    ['/identities/:accountId', '/identities/712020%3Aabc', { accountId: '712020:abc' }],
    ['/identities/:accountId', '/identities', null],
    ['/identities', '/identities/', {}],
    ['/', '/', {}],
    ['/campaigns/:id', '/campaigns/7/extra', null],
    ['/project/*', '/project/a/b', {}],
    ['/identities/:accountId', '/identities/%E0%A4%A', null],
  ])('%s matches %s as %j', (pattern, path, want) => {
    expect(matchPath(pattern, path)).toEqual(want);
  });

  it('leaves empty query values out', () => {
    expect(withQuery('/identities', { kind: 'app-account', q: '', page: null, risk: undefined })).toBe('/identities?kind=app-account');
    expect(withQuery('/identities', {})).toBe('/identities');
  });

  it('finds the admin view for every address of the agreement', () => {
    expect(findAdminRoute('/')?.route.section).toBe('overview');
    expect(findAdminRoute('/identities')?.route.section).toBe('identities');
    expect(findAdminRoute('/identities/abc')?.params).toEqual({ accountId: 'abc' });
    expect(findAdminRoute('/credentials')?.route.section).toBe('credentials');
    expect(findAdminRoute('/heatmap')?.route.section).toBe('heatmap');
    expect(findAdminRoute('/no-such-page')).toBeNull();
  });
});

describe('identity list filters in the address', () => {
  it('round-trips every filter, the sort and the page', () => {
    const path = '/identities?q=svc&kind=service-account&risk=no-owner&project=OPS&owner=none&sort=-projectsTouched&page=3';
    const f = filtersFromQuery(new URLSearchParams(path.split('?')[1]));
    expect(f).toEqual({ q: 'svc', kind: 'service-account', risk: 'no-owner', project: 'OPS', owner: 'none', sort: { field: 'projectsTouched', direction: 'desc' }, page: 3 });
    expect(identitiesPath(f)).toBe(path);
    expect(toListQuery(f)).toEqual({ search: 'svc', kind: 'service-account', risk: 'no-owner', projectKey: 'OPS', owner: 'none', sort: { field: 'projectsTouched', direction: 'desc' }, offset: 100, limit: 50 });
  });

  it('ignores what it does not know (an old bookmark still opens) and leaves defaults out', () => {
    const f = filtersFromQuery(new URLSearchParams('kind=robot&risk=x&sort=nonsense&page=-2'));
    expect(f.kind).toBe('');
    expect(f.risk).toBe('');
    expect(f.sort).toEqual({ field: 'name', direction: 'asc' });
    expect(f.page).toBe(1);
    expect(identitiesPath(f)).toBe('/identities');
  });
});
