import type { Host } from '../../dev/host/host';
import type { Envelope, Ownership } from '../../src/contract';
import { invokeAs, persona } from './host';

/** Calls a resolver as the site admin from the admin page (the registry's policy is jira-admin). */
export function asAdmin(host: Host) {
  const admin = persona(host, 'site-admin');
  return <T>(functionKey: string, payload: unknown = {}) => invokeAs<T>(host, { as: admin.accountId, moduleKey: 'admin-page', functionKey, payload });
}

export function data<T>(answer: Envelope<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

/** Accounts of the demo site for registry tests: integration identities and active ordinary people. */
export function accounts(host: Host): { identities: string[]; people: string[] } {
  const sim = host.sim;
  if (!sim) throw new Error('simulated site expected');
  return { identities: sim.truth.integrationAccountIds(), people: sim.truth.ordinaryPeopleAccountIds() };
}

export function ownership(over: Partial<Ownership> = {}): Ownership {
  return { ownerAccountId: null, backupAccountId: null, team: 'Platform', purpose: 'Syncs tickets', runbookUrl: 'https://wiki.example.com/runbook', notes: '', ...over };
}

/** Collects everything written to the console while `fn` runs (to prove secrets are never logged). */
export async function captureConsole<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    return { result: await fn(), output: lines.join('\n') };
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i] as (typeof console)[typeof m]));
  }
}
