import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { CredentialInput, CredentialList, CredentialView, HistoryPage, ImportResult } from '../../src/contract';
import { toFetchResponse } from '../../dev/host/jira-gateway';
import { startTestHost } from '../support/host';
import { accounts, asAdmin, data } from '../support/registry';

let host: Host;
let call: ReturnType<typeof asAdmin>;
let identities: string[];
let people: string[];
beforeAll(() => {
  host = startTestHost();
  call = asAdmin(host);
  ({ identities, people } = accounts(host));
});
afterAll(() => host.close());

const id = (n: number) => identities[n] as string;
const person = (n: number) => people[n] as string;
const credential = (over: Partial<CredentialInput> = {}): CredentialInput => ({
  kind: 'api-token',
  label: 'CI pipeline',
  scopes: ['read:jira-work'],
  createdAt: '2025-01-01',
  expiresAt: '2099-01-01',
  lastUsedAt: null,
  ownerAccountId: null,
  ...over,
});
const list = async (accountId: string) => data(await call<CredentialList>('credentials/list', { accountId })).identities[0];
/** A person's display name as the simulated site tells it. */
async function userName(accountId: string): Promise<string> {
  const answer = await host.sim?.handle({ method: 'GET', path: '/rest/api/3/user', query: new URLSearchParams({ accountId }), body: undefined, caller: { kind: 'app' } });
  const user = (await toFetchResponse(answer as NonNullable<typeof answer>).json()) as { displayName: string };
  return user.displayName;
}
const historyCount = async (accountId: string) => data(await call<HistoryPage>('history/list', { accountId })).entries.length;

describe('credentials/save, list and delete', () => {
  it('creates, edits and deletes credential metadata with history and versions', async () => {
    const created = data(await call<{ version: number; credential: CredentialView }>('credentials/save', { accountId: id(0), baseVersion: 0, credential: credential({ ownerAccountId: person(0) }) }));
    expect(created.version).toBe(1);
    expect(created.credential).toMatchObject({ source: 'manual', tier: 'ok', label: 'CI pipeline' });
    const edited = data(await call<{ version: number; credential: CredentialView }>('credentials/save', { accountId: id(0), baseVersion: 1, credentialId: created.credential.id, credential: credential({ expiresAt: '2099-02-01', ownerAccountId: person(0) }) }));
    expect(edited.version).toBe(2);
    const duplicate = await call('credentials/save', { accountId: id(0), baseVersion: 2, credential: credential({ label: ' ci  PIPELINE ' }) });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/already has/) } });
    expect((await list(id(0)))?.credentials).toHaveLength(1);
    data(await call('credentials/delete', { accountId: id(0), baseVersion: 2, credentialId: created.credential.id }));
    expect((await list(id(0)))?.credentials).toHaveLength(0);
    expect(await historyCount(id(0))).toBe(3);
  });

  it('compares labels after NFC normalisation and case folding: "Café" composed and decomposed is one label', async () => {
    const first = data(await call<{ version: number; credential: CredentialView }>('credentials/save', { accountId: id(9), baseVersion: 0, credential: credential({ label: 'Caf\u00E9 sync' }) }));
    for (const label of ['Cafe\u0301 sync', 'CAFÉ SYNC', ' café  sync ']) {
      const again = await call('credentials/save', { accountId: id(9), baseVersion: first.version, credential: credential({ label }) });
      expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/already has/) } });
    }
    expect((await list(id(9)))?.credentials).toHaveLength(1);
    data(await call('credentials/delete', { accountId: id(9), baseVersion: first.version, credentialId: first.credential.id }));
  });

  it('a stale version gets CONFLICT with parallel writers; exactly one wins', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => call('credentials/save', { accountId: id(1), baseVersion: 0, credential: credential({ label: `Token ${i}` }) })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'CONFLICT')).toBe(true);
    expect((await list(id(1)))?.credentials).toHaveLength(1);
  });

  it.each([
    ['an ATATT token as the label', { label: 'ATATT3xFfGF0abcdefghijklmnopqrstuvwxyz0123' }, /label.*ATATT/],
    ['a client secret assignment', { label: 'client_secret=9f8e7d6c5b4a39281706' }, /label.*secret/],
    ['a private key', { label: '-----BEGIN RSA PRIVATE KEY-----' }, /label.*private key/],
    ['a JWT', { label: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc' }, /label.*JSON Web Token/],
    ['an unknown kind', { kind: 'password' }, /kind/],
    ['an impossible date', { expiresAt: '2025-02-30' }, /expiresAt/],
    ['expiry before creation', { createdAt: '2025-05-01', expiresAt: '2025-04-01' }, /expiresAt/],
    ['a scope with spaces', { scopes: ['read jira'] }, /scopes/],
    ['an empty label', { label: '   ' }, /label/],
  ])('refuses %s with INVALID_INPUT and stores nothing', async (_name, change, message) => {
    const answer = await call('credentials/save', { accountId: id(2), baseVersion: 0, credential: { ...credential(), ...change } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    expect((await list(id(2)))?.credentials).toHaveLength(0);
    expect(await historyCount(id(2))).toBe(0);
  });

  it('shows expiry tiers', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const saved = data(await call<{ credential: CredentialView }>('credentials/save', { accountId: id(3), baseVersion: 0, credential: credential({ createdAt: null, expiresAt: soon }) }));
    expect(saved.credential).toMatchObject({ tier: 'critical', daysToExpiry: 3 });
  });
});

describe('credentials/import and export', () => {
  const header = 'identity_account_id,kind,label,scopes,created,expires,last_used,owner_account_id';
  const file = (rows: string[]) => [header, ...rows].join('\n');

  it('previews without writing, commits all rows, and a re-import changes nothing', async () => {
    const csv = file([
      `${id(4)},api-token,Reporting export,read:jira-work,2025-01-01,2099-01-01,,${person(1)}`,
      `${id(4)},oauth-client-credential,"HR sync, nightly",read:jira-user write:jira-work,,2099-06-01,2025-06-01,`,
      `${id(5)},other,"=HYPERLINK(""http://x"")",,,,,`,
    ]);
    const preview = data(await call<ImportResult>('credentials/import', { csv, mode: 'preview' }));
    expect(preview).toMatchObject({ mode: 'preview', rows: 3, created: 3, updated: 0, invalidRows: 0, errors: [], written: false });
    expect((await list(id(4)))?.credentials).toHaveLength(0);

    const commit = data(await call<ImportResult>('credentials/import', { csv, mode: 'commit' }));
    expect(commit).toMatchObject({ created: 3, written: true });
    expect((await list(id(4)))?.credentials.map((c) => c.source)).toEqual(['csv-import', 'csv-import']);
    const historyBefore = await historyCount(id(4));

    const again = data(await call<ImportResult>('credentials/import', { csv, mode: 'commit' }));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, written: true });
    expect((await list(id(4)))?.credentials).toHaveLength(2);
    expect(await historyCount(id(4))).toBe(historyBefore);

    const changed = data(await call<ImportResult>('credentials/import', { csv: csv.replace('2099-06-01', '2099-07-01'), mode: 'commit' }));
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect((await list(id(4)))?.credentials).toHaveLength(2);
  });

  it('writes nothing when one row is bad, and reports that row and column', async () => {
    const csv = file([
      `${id(6)},api-token,Good one,,,2099-01-01,,`,
      `${id(6)},api-token,Bad date,,,2099-13-01,,`,
      `${id(7)},api-token,Also good,,,,,`,
    ]);
    for (const mode of ['preview', 'commit'] as const) {
      const result = data(await call<ImportResult>('credentials/import', { csv, mode }));
      expect(result.written).toBe(false);
      expect(result.errors).toEqual([{ row: 3, column: 'expires', message: expect.any(String) }]);
    }
    expect((await list(id(6)))?.credentials).toHaveLength(0);
    expect((await list(id(7)))?.credentials).toHaveLength(0);
  });

  it('counts only valid rows as to create, and says how many rows have errors (finding 13)', async () => {
    const allBad = file([`${id(6)},api-token,Bad date,,,2099-13-01,,`, `not an id,api-token,Bad id,,,,,`]);
    const none = data(await call<ImportResult>('credentials/import', { csv: allBad, mode: 'preview' }));
    expect(none).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 0, invalidRows: 2, written: false });
    const mixed = file([`${id(6)},api-token,Good one,,,2099-01-01,,`, `${id(6)},api-token,Bad date,,,2099-13-01,,`]);
    const some = data(await call<ImportResult>('credentials/import', { csv: mixed, mode: 'preview' }));
    expect(some).toMatchObject({ rows: 2, created: 1, invalidRows: 1, written: false });
  });

  it('reports unknown columns, duplicate rows, unknown accounts and token-looking cells', async () => {
    const unknown = data(await call<ImportResult>('credentials/import', { csv: 'identity_account_id,kind,label,token\nx,api-token,y,z', mode: 'preview' }));
    expect(unknown.errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/Unknown column.*token/) });
    const csv = file([
      `${id(8)},api-token,Same,,,,,`,
      `${id(8)},api-token,same,,,,,`,
      `712020:00000000-0000-0000-0000-000000000000,api-token,Ghost,,,,,`,
      `${id(8)},api-token,ATATT3xFfGF0abcdefghijklmnopqrstuvwxyz0123,,,,,`,
    ]);
    const result = data(await call<ImportResult>('credentials/import', { csv, mode: 'commit' }));
    expect(result.written).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'label'],
      [4, 'identity_account_id'],
      [5, 'label'],
    ]);
    expect((await list(id(8)))?.credentials).toHaveLength(0);
  });

  it('refuses a row with more cells than the header, naming its line, and writes nothing', async () => {
    const csv = file([`${id(9)},api-token,Fine,,,,,`, `${id(9)},api-token,Split, label,,,,,`]);
    const result = data(await call<ImportResult>('credentials/import', { csv, mode: 'commit' }));
    expect(result.written).toBe(false);
    expect(result.errors).toEqual([{ row: 3, column: null, message: expect.stringMatching(/has 9 cells but the first line names 8 columns/) }]);
    expect((await list(id(9)))?.credentials).toHaveLength(0);
  });

  it("keeps labels '=1+1 and =1+1 apart through import, export and re-import", async () => {
    // As export writes them: =1+1 defused to '=1+1, and '=1+1 given one more apostrophe.
    const csv = file([`${id(10)},other,"'=1+1",,,,,`, `${id(10)},other,"''=1+1",,,,,`]);
    const result = data(await call<ImportResult>('credentials/import', { csv, mode: 'commit' }));
    expect(result).toMatchObject({ created: 2, errors: [], written: true });
    expect((await list(id(10)))?.credentials.map((c) => c.label).sort()).toEqual(["'=1+1", '=1+1']);
  });

  it('exports with formula-like cells defused, and the export re-imports without change', async () => {
    const { csv } = data(await call<{ csv: string }>('credentials/export'));
    expect(csv.split('\r\n')[0]).toBe(
      'identity_account_id,identity_name,kind,label,scopes,created,expires,last_used,owner_account_id,owner_name,identity_owner_account_id,identity_owner_name,identity_backup_account_id,identity_backup_name,source,credential_id',
    );
    // Names beside ids: the credential owner imported above is named next to their account id.
    const ownerName = await userName(person(1));
    expect(csv).toContain(`${person(1)},${ownerName},`);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('"HR sync, nightly"');
    expect(csv).toContain(`"'=1+1"`);
    expect(csv).toContain(`"''=1+1"`);
    const again = data(await call<ImportResult>('credentials/import', { csv, mode: 'commit' }));
    expect(again.errors).toEqual([]);
    expect(again).toMatchObject({ created: 0, updated: 0 });
    expect((await list(id(10)))?.credentials.map((c) => c.label).sort()).toEqual(["'=1+1", '=1+1']);
  });
});
