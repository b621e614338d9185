import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import type { IdentityList } from '../../src/contract';
import { kvs } from '../../src/storage/kvs';
import { startTestHost } from '../support/host';
import { accounts, asAdmin, data, ownership } from '../support/registry';
import { scanToCompletion } from '../support/scan';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

process.env.SCAN_RETRY_BASE_MS = '20';

let host: Host;
afterEach(() => host?.close());

/** Jira calls a page view made beyond the caller's own permission checks. */
function pageViewCalls(h: Host): string[] {
  const own = ['GET /rest/api/3/mypermissions', 'GET /rest/api/3/myself'];
  return Object.keys(h.sim?.meter.snapshot().byEndpoint ?? {}).filter((e) => !own.includes(e));
}

describe('a page view spends no Jira points on names', () => {
  it('shows the stored name, and looks up one it never stored in the background for the next view', async () => {
    host = startTestHost();
    await scanToCompletion(host);
    const call = asAdmin(host);
    const [identity] = accounts(host).identities;
    const owner = accounts(host).people[1] as string;
    data(await call('ownership/save', { accountId: identity, baseVersion: 0, ownership: ownership({ ownerAccountId: owner }) }));
    // As if the app had never seen the owner (a record from before names were stored).
    await runInvocation({ functionKey: 't', moduleKey: 't', moduleType: 't', timeoutMs: 5_000 }, () => kvs.delete(`person:${owner}`));
    const ownerName = async () => data(await call<IdentityList>('identities/list', { limit: 200 })).items.find((i) => i.accountId === identity)?.ownerName;

    // Background work a view asks for waits until the view's own calls are counted.
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const deliver = host.functions.deliverEvent.bind(host.functions);
    host.functions.deliverEvent = async (event) => gate.then(() => deliver(event));
    host.sim?.meter.reset();
    expect(await ownerName()).toBeNull();
    expect(pageViewCalls(host)).toEqual([]);
    host.functions.deliverEvent = deliver;
    open();
    await host.queue.idle();
    expect(pageViewCalls(host)).toEqual(['GET /rest/api/3/user']);
    host.sim?.meter.reset();
    expect(await ownerName()).toBeTruthy();
    expect(pageViewCalls(host)).toEqual([]);
  }, 60_000);
});
