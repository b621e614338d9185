import type { Host } from '../../dev/host/host';
import type { IdentityList, ScanStatus } from '../../src/contract';
import { invokeAs, persona } from './host';

/** Calls an admin-page resolver as the site admin. */
export async function asAdmin<T>(host: Host, functionKey: string, payload: unknown = {}): Promise<T> {
  const answer = await invokeAs<T>(host, { as: persona(host, 'site-admin').accountId, moduleKey: 'admin-page', functionKey, payload });
  if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** Starts a scan as the site admin and waits until its queue has drained. */
export async function scanToCompletion(host: Host): Promise<ScanStatus> {
  await asAdmin<ScanStatus>(host, 'scan/start');
  await host.queue.idle();
  return asAdmin<ScanStatus>(host, 'scan/status');
}

/** Every identity of the current snapshot, all pages. */
export async function allIdentities(host: Host): Promise<IdentityList['items']> {
  const items: IdentityList['items'] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await asAdmin<IdentityList>(host, 'identities/list', { offset, limit: 200 });
    items.push(...page.items);
    if (items.length >= page.total) return items;
  }
}
