import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import type { HistoryPage, IdentityDetail } from '../../src/contract';
import { invokeAs, persona, startTestHost } from '../support/host';
import { accounts, asAdmin, data, ownership } from '../support/registry';

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

const identity = (n: number) => identities[n] as string;
const person = (n: number) => people[n] as string;
const history = (accountId: string) => call<HistoryPage>('history/list', { accountId }).then(data);

describe('ownership/save through the real resolver on the local host', () => {
  it('saves, answers the new version and records who changed which fields', async () => {
    const id = identity(0);
    const first = data(await call<{ version: number }>('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership({ ownerAccountId: person(0), backupAccountId: person(1) }) }));
    expect(first.version).toBe(1);
    const second = data(await call<{ version: number }>('ownership/save', { accountId: id, baseVersion: 1, ownership: ownership({ ownerAccountId: person(0), backupAccountId: person(1), team: 'Payments' }) }));
    expect(second.version).toBe(2);
    const page = await history(id);
    expect(page.entries).toHaveLength(2);
    const [latest, earliest] = page.entries;
    expect(latest).toMatchObject({ by: persona(host, 'site-admin').accountId, subject: 'ownership', action: 'updated', changes: [{ field: 'team', before: 'Platform', after: 'Payments' }] });
    expect(earliest?.action).toBe('created');
    expect(earliest?.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['ownerAccountId', 'backupAccountId', 'team']));
  });

  it('with 12 parallel writers from the same version, exactly one wins and the rest get CONFLICT', async () => {
    const id = identity(1);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call<{ version: number }>('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership({ team: `Team ${i}` }) })),
    );
    const winners = answers.filter((a) => a.ok);
    expect(winners).toHaveLength(1);
    for (const a of answers.filter((x) => !x.ok)) expect(a).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await history(id)).entries).toHaveLength(1);
    const stale = await call('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership({ team: 'Late' }) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/version 1/) } });
  });

  it.each([
    ['a runbook link that is not http(s)', { runbookUrl: 'javascript:alert(1)' }, /runbookUrl/],
    ['a data: link', { runbookUrl: 'data:text/html,<script>x</script>' }, /runbookUrl/],
    ['a team name over 100 characters', { team: 'x'.repeat(101) }, /team.*100/],
    ['notes over 4000 characters', { notes: 'n'.repeat(4001) }, /notes/],
    ['a control character', { purpose: 'sync\u0007tickets' }, /purpose.*control/],
    ['a line break in a one-line field', { team: 'a\nb' }, /team/],
    ['a direction override', { notes: 'abc\u202Edef' }, /notes.*invisible/],
    ['an Atlassian API token in the notes', { notes: 'use ATATT3xFfGF0T4nQpZrLmVbW8yKcD1sE9uJhGiO2aPq' }, /notes.*ATATT/],
    ['a bearer header', { purpose: 'Authorization: Bearer abcdefghijklmnop1234' }, /purpose.*bearer/],
    ['a random-looking secret', { notes: 'secret is Zx8kP2qL9mN4vB7cR1tY6wE3uI5oA0sD' }, /notes.*random-looking/],
    ['a malformed owner id', { ownerAccountId: 'bad id!' }, /ownerAccountId/],
    ['the same person as owner and backup', { ownerAccountId: 'X', backupAccountId: 'X' }, /backupAccountId/],
    ['an unknown field', { colour: 'red' }, /colour|ownership/],
  ])('refuses %s with INVALID_INPUT and stores nothing', async (_name, change, message) => {
    const id = identity(2);
    const answer = await call('ownership/save', { accountId: id, baseVersion: 0, ownership: { ...ownership(), ...change } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    expect((await history(id)).entries).toHaveLength(0);
  });

  it('refuses owners that do not exist, are deactivated or are not people', async () => {
    const id = identity(3);
    const gone = person(5);
    host.sim?.mutate.setActive({ accountId: gone, active: false });
    const cases = [
      [{ ownerAccountId: '712020:00000000-0000-0000-0000-000000000000' }, /ownerAccountId.*no Jira user/],
      [{ backupAccountId: gone }, /backupAccountId.*deactivated/],
      [{ ownerAccountId: identity(4) }, /ownerAccountId.*person/],
    ] as const;
    for (const [change, message] of cases) {
      const answer = await call('ownership/save', { accountId: id, baseVersion: 0, ownership: ownership(change) });
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    }
    expect((await history(id)).entries).toHaveLength(0);
  });

  it('pages history across keys however long it grows', async () => {
    const id = identity(5);
    for (let v = 0; v < 45; v++) data(await call('ownership/save', { accountId: id, baseVersion: v, ownership: ownership({ notes: `revision ${v} `.padEnd(3000, '.') }) }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: HistoryPage = data(await call<HistoryPage>('history/list', { accountId: id, ...(cursor ? { cursor } : {}) }));
      expect(page.entries.length).toBeLessThanOrEqual(20);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
  });

  it('refuses everyone but Jira administrators, before reading the payload', async () => {
    const user = persona(host, 'user');
    const answer = await invokeAs(host, { as: user.accountId, moduleKey: 'admin-page', functionKey: 'ownership/save', payload: { accountId: identity(6), baseVersion: 0, ownership: ownership() } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const fromProject = await invokeAs(host, { as: persona(host, 'site-admin').accountId, moduleKey: 'project-page', projectKey: persona(host, 'project-admin').projects[0], functionKey: 'history/list', payload: { accountId: identity(0) } });
    expect(fromProject).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('identity/get carries ownership, version, history and risks when the identity is in a snapshot', async () => {
    // Without a scan the identity is not in a snapshot; the registry view itself is tested through loadRegistryView.
    const { loadRegistryView } = await import('../../src/registry/view');
    const { runInvocation } = await import('../../dev/host/runtime');
    const view = await runInvocation({ functionKey: 'resolver', moduleKey: 'admin-page', moduleType: 'jira:adminPage', timeoutMs: 10_000 }, () => loadRegistryView(identity(0), null));
    expect(view).toMatchObject({ version: 2, ownership: { team: 'Payments' }, credentials: [], credentialsVersion: 0 });
    expect(view.history.entries).toHaveLength(2);
    expect(view.risks.map((r) => r.code)).not.toContain('no-owner');
    expect(view.blastRadius.contacts.map((c) => c.role)).toEqual(['owner', 'backup']);
    const detail: Partial<IdentityDetail> = view;
    expect(detail.version).toBe(2);
  });
});
