import { kvs } from '@forge/kvs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import { BACKGROUND, JiraClient } from '../../src/jira/client';
import { checkWorkItemTarget, type WorkItemTarget } from '../../src/registry/work-item-target';
import { ensureWorkItem, readWorkItem, workItemStoreKey } from '../../src/registry/work-items';
import { persona, startTestHost } from '../support/host';

let host: Host;
let projectKey: string;
beforeAll(() => {
  host = startTestHost();
  projectKey = persona(host, 'project-admin').projects[0] as string;
});
afterAll(() => host.close());

const asTrigger = <T>(fn: () => Promise<T>) => runInvocation({ functionKey: 'daily', moduleKey: 'daily-trigger', moduleType: 'core:scheduledTrigger', timeoutMs: 60_000 }, fn);
const client = () => new JiraClient(BACKGROUND);
const creates = () => (host.sim?.recorded() ?? []).filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue').length;
const content = (key: string) => ({ key, summary: `Work item ${key}`, description: 'line one\nline two', assigneeAccountId: null });
const claimOnly = (key: string, at: Date) => asTrigger(() => kvs.set(workItemStoreKey(key), { key, issueKey: null, claimedAt: at.toISOString() }));
const MINUTE = 60_000;

describe('exactly-once work items', () => {
  let target: WorkItemTarget;
  it('checks the issue type against the project: 999999 is refused with INVALID_INPUT and nothing is created', async () => {
    const before = creates();
    await expect(asTrigger(() => checkWorkItemTarget(client(), projectKey, '999999'))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/issueTypeId: 999999 is not a standard issue type/) });
    await expect(asTrigger(() => checkWorkItemTarget(client(), projectKey, '10003'))).rejects.toMatchObject({ code: 'INVALID_INPUT' }); // Sub-task
    await expect(asTrigger(() => checkWorkItemTarget(client(), 'NOPE', null))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    target = await asTrigger(() => checkWorkItemTarget(client(), projectKey, null));
    expect(target).toMatchObject({ projectKey, issueTypeId: '10001' });
    expect(creates()).toBe(before);
  });

  it('creates once, then answers the stored issue', async () => {
    const before = creates();
    const first = await asTrigger(() => ensureWorkItem(client(), target, content('test:once')));
    expect(first).toMatchObject({ state: 'created', issueKey: expect.stringMatching(new RegExp(`^${projectKey}-\\d+$`)) });
    const again = await asTrigger(() => ensureWorkItem(client(), target, content('test:once')));
    expect(again).toEqual({ state: 'existing', issueKey: first.state === 'created' ? first.issueKey : '' });
    expect(creates()).toBe(before + 1);
  });

  it('after a crash between create and store, the retry finds the issue by its property instead of creating another', async () => {
    const made = await asTrigger(() => ensureWorkItem(client(), target, content('test:crash')));
    if (made.state !== 'created') throw new Error('expected a new work item');
    // The crash: the issue exists in Jira, the stored record still says "claimed, no issue".
    await claimOnly('test:crash', new Date());
    const before = creates();
    const retry = await asTrigger(() => ensureWorkItem(client(), target, content('test:crash')));
    expect(retry).toEqual({ state: 'existing', issueKey: made.issueKey });
    expect(creates()).toBe(before);
    expect(await asTrigger(() => readWorkItem('test:crash'))).toBe(made.issueKey);
  });

  it('a claim whose run died before creating anything waits for its lease, then exactly one run takes over', async () => {
    const now = new Date();
    await claimOnly('test:dead', now);
    const before = creates();
    expect(await asTrigger(() => ensureWorkItem(client(), target, content('test:dead'), new Date(now.getTime() + 5 * MINUTE)))).toEqual({ state: 'pending' });
    expect(creates()).toBe(before);
    const later = new Date(now.getTime() + 21 * MINUTE);
    const [a, b] = await Promise.all([0, 1].map(() => asTrigger(() => ensureWorkItem(client(), target, content('test:dead'), later))));
    expect([a?.state, b?.state].sort()).toEqual(['created', 'pending']);
    expect(creates()).toBe(before + 1);
    expect(await asTrigger(() => ensureWorkItem(client(), target, content('test:dead'), later))).toMatchObject({ state: 'existing' });
  });
});
