import type { IdentityRecord } from '../contract';
import { classifyApp } from '../rules/classification';
import type { Account } from './directory';
import { readAllOverrides } from './overrides';
import { publishSnapshot, readGenerationSummaries, writeIdentityRecord } from './snapshot-store';
import type { ScanState } from './state';

/**
 * Answers early on a site's first scan: once the directory is read, every app account (service
 * accounts, Rovo agents, apps: their kind is their account type) and every account an admin marked
 * is published with `partial: true` and no activity yet; as the identities phase measures them
 * (busiest first) the published index is refreshed, so projects and counts fill in. Later scans
 * keep showing the last complete snapshot until they publish theirs.
 */
export async function publishFirstIdentities(state: ScanState, accounts: Account[]): Promise<ScanState> {
  if (state.previousGeneration !== null || state.partialPublished) return state;
  const overrides = await readAllOverrides();
  for (const account of accounts) {
    const override = overrides.get(account.accountId) ?? null;
    if (override === 'not-integration') continue;
    const known = classifyApp(account) ?? (override === 'integration' ? { kind: 'person-integration' as const, score: null, evidence: [{ signal: 'admin', detail: 'Marked as an integration by a Jira administrator' }] } : null);
    if (!known) continue;
    const record: IdentityRecord = {
      accountId: account.accountId,
      displayName: account.displayName,
      kind: known.kind,
      active: account.active,
      email: account.email,
      score: known.score,
      evidence: known.evidence,
      override,
      issuesTouched: 0,
      touches: 0,
      created: 0,
      updated: 0,
      transitioned: 0,
      commented: 0,
      worked: 0,
      projectsTouched: 0,
      lastActivity: null,
      unusedAccessProjects: 0,
      projects: [],
      leastPrivilege: [],
    };
    await writeIdentityRecord(state.generation, record);
  }
  await refreshPartial(state);
  return { ...state, partialPublished: true };
}

/** Publishes what the run has measured so far, while its snapshot is still partial. */
export async function refreshPartial(state: ScanState): Promise<void> {
  const summaries = (await readGenerationSummaries(state.generation)).sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));
  await publishSnapshot(state.generation, summaries, { completedAt: new Date().toISOString(), windowDays: state.windowDays, partial: true });
}
