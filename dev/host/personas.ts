import { devInvoke } from './dev-invoke';
import type { Host, Persona } from './host';

/**
 * GET /dev/personas: each persona with `owns`, the identities whose registry record names them as
 * owner, asked through the app's own resolver (my/integrations) as that persona.
 */
export async function personasWithOwns(host: Host): Promise<Array<Persona & { owns: string[] }>> {
  const out: Array<Persona & { owns: string[] }> = [];
  for (const p of host.personas()) {
    const answer = (await devInvoke(host, { as: p.accountId, moduleKey: 'my-integrations', functionKey: 'my/integrations', payload: {} })) as { ok: boolean; data?: Array<{ accountId: string; role: string }> };
    out.push({ ...p, owns: answer.ok ? (answer.data ?? []).filter((r) => r.role === 'owner').map((r) => r.accountId) : [] });
  }
  return out;
}

/**
 * The demo site's owner persona: the persona with role `user` owns the first integration identity
 * (the first project admin backs it up), written through the app's own resolver as the site admin.
 * Runs at start; an existing record is left alone.
 */
export async function seedDemoOwnership(host: Host): Promise<void> {
  const sim = host.sim;
  if (!sim) return;
  const admin = host.personas().find((p) => p.role === 'site-admin');
  const owner = host.personas().find((p) => p.role === 'user');
  const backup = host.personas().find((p) => p.role === 'project-admin');
  const identity = sim.truth.integrationAccountIds()[0];
  if (!admin || !owner || !identity) return;
  const ownership = {
    ownerAccountId: owner.accountId,
    backupAccountId: backup?.accountId ?? null,
    team: 'Platform',
    purpose: 'Syncs release notes from CI into Jira (demo record)',
    runbookUrl: 'https://wiki.example.com/runbooks/release-sync',
    notes: '',
  };
  const answer = (await devInvoke(host, { as: admin.accountId, moduleKey: 'admin-page', functionKey: 'ownership/save', payload: { accountId: identity, baseVersion: 0, ownership } })) as { ok: boolean; error?: { code: string; message: string } };
  if (!answer.ok && answer.error?.code !== 'CONFLICT') console.warn(`[host] demo owner record not seeded: ${answer.error?.message ?? 'unknown error'}`);
}
