import type { Envelope } from '../../src/contract';
import { devInvoke } from '../host/dev-invoke';
import type { Host } from '../host/host';

/**
 * The demo site's registry on first start (SITE=demo, SEED_DEMO not "0"): owners, backups, teams,
 * runbooks and credentials (some expiring within days, one expired), written through the app's own
 * resolvers as the site admin, so that history records them like any admin's change. Every team
 * and label says "(demo)". Runs once per data directory: it does nothing when any ownership exists.
 */
export async function seedDemoRegistry(host: Host, now = new Date()): Promise<{ seeded: boolean; identities: number; credentials: number }> {
  const sim = host.sim;
  const admin = host.personas().find((p) => p.role === 'site-admin');
  if (!sim || !admin) return { seeded: false, identities: 0, credentials: 0 };
  const call = async <T>(functionKey: string, payload: unknown): Promise<T> => {
    const answer = (await devInvoke(host, { as: admin.accountId, moduleKey: 'admin-page', functionKey, payload })) as Envelope<T>;
    if (!answer.ok) throw new Error(`${functionKey}: ${answer.error.message}`);
    return answer.data;
  };
  const identities = sim.truth.integrationAccountIds();
  const people = sim.truth.ordinaryPeopleAccountIds();
  if (identities.length === 0 || people.length < 4) return { seeded: false, identities: 0, credentials: 0 };
  // Once: any recorded credential means the registry is in use (or was seeded).
  const existing = await call<{ identities: unknown[] }>('credentials/list', {});
  if (existing.identities.length > 0) return { seeded: false, identities: 0, credentials: 0 };

  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const teams = ['Platform (demo)', 'Integrations (demo)', 'Support tooling (demo)'];
  // Some identities stay without owner or backup, so that the risks show too.
  const owned = identities.slice(0, Math.max(1, Math.floor(identities.length * 0.6)));
  let credentials = 0;
  for (const [i, accountId] of owned.entries()) {
    const owner = people[i % people.length] ?? null;
    const backup = i % 3 === 2 ? null : (people[(i + 1) % people.length] ?? null);
    // An identity the host already gave an owner persona (dev/host/personas.ts) keeps it.
    await call('ownership/save', {
      accountId,
      baseVersion: 0,
      ownership: { ownerAccountId: owner, backupAccountId: backup, team: teams[i % teams.length], purpose: 'Demo data: seeded on first start of the demo site.', runbookUrl: `https://wiki.example.com/runbooks/demo-${i + 1}`, notes: '' },
    }).catch(() => undefined);
    // Expiring in 2, 5 and 12 days, one expired, the rest later.
    const offsets = [2, 5, -3, 12, 45, 120, 200];
    let version = 0;
    for (let n = 0; n < (i % 2 === 0 ? 2 : 1); n++) {
      const offset = offsets[(i + n * 3) % offsets.length] ?? 90;
      const saved = await call<{ version: number }>('credentials/save', {
        accountId,
        baseVersion: version,
        credential: { kind: n === 0 ? 'api-token' : 'oauth-client-credential', label: `${n === 0 ? 'API token' : 'OAuth client'} ${i + 1} (demo)`, scopes: ['read:jira-work'], createdAt: day(offset - 365), expiresAt: day(offset), lastUsedAt: day(-1), ownerAccountId: null },
      });
      version = saved.version;
      credentials++;
    }
  }
  return { seeded: true, identities: owned.length, credentials };
}
