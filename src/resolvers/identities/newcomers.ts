import type { IdentityRecord } from '../../contract';
import { readNewcomers, type Newcomer } from '../../activity/newcomers';
import { classifyApp } from '../../rules/classification';
import { readAllOverrides } from '../../scan/overrides';
import { unmeasured } from '../../scan/partial';

/**
 * Accounts that started acting after the last scan (the activity ledger saw them and looked them
 * up): shown at once as candidates, with the kind their account type gives or, for a person, as
 * a person-integration still to be measured. The next scan measures them and decides.
 */
export async function newcomerRecords(exclude: ReadonlySet<string>): Promise<IdentityRecord[]> {
  const [newcomers, overrides] = await Promise.all([readNewcomers(), readAllOverrides()]);
  return newcomers.filter((n) => !exclude.has(n.accountId) && overrides.get(n.accountId) !== 'not-integration').map((n) => newcomerRecord(n, overrides.get(n.accountId) ?? null));
}

/** One newcomer's record, or null when the account is no newcomer. */
export async function readNewcomerRecord(accountId: string): Promise<IdentityRecord | null> {
  return (await newcomerRecords(new Set())).find((r) => r.accountId === accountId) ?? null;
}

function newcomerRecord(n: Newcomer, override: IdentityRecord['override']): IdentityRecord {
  const app = classifyApp(n);
  const note = { signal: 'new account', detail: `Started acting ${n.firstSeen.slice(0, 10)}, after the last scan: the next scan measures it and decides` };
  return unmeasured(n, app?.kind ?? 'person-integration', null, [...(app?.evidence ?? []), note], override);
}
