import type { Evidence, IdentityKind, IdentityRecord } from '../contract';
import { classifyApp } from '../rules/classification';
import type { Account } from '../jira/users';
import { readAllOverrides } from './overrides';
import { publishSnapshot, readGenerationSummaries, writeIdentityRecord } from './snapshot-store';
import type { ScanState } from './state';

/**
 * Answers early on a site's first scan (issue 10, "answers early"):
 * 1. once the users are read, every app account (service accounts, Rovo agents, apps: their kind
 *    is their account type) and every account an admin marked is published with `partial: true`
 *    and no activity yet;
 * 2. once the people are counted, each person busy enough to be a candidate joins it as a
 *    person-integration whose evidence says it is still being measured;
 * 3. as the identities phase measures them (busiest first) the published index is refreshed, so
 *    projects and counts fill in, and candidates that turn out ordinary people leave it.
 * Later scans keep showing the last complete snapshot until they publish theirs.
 */
export async function publishAppAccounts(state: ScanState, accounts: readonly Account[]): Promise<ScanState> {
  if (state.previousGeneration !== null || state.partialPublished) return state;
  const overrides = await readAllOverrides();
  for (const account of accounts) {
    const override = overrides.get(account.accountId) ?? null;
    if (override === 'not-integration') continue;
    const known = classifyApp(account) ?? (override === 'integration' ? { kind: 'person-integration' as const, score: null, evidence: [{ signal: 'admin', detail: 'Marked as an integration by a Jira administrator' }] } : null);
    if (!known) continue;
    await writeIdentityRecord(state.generation, unmeasured(account, known.kind, known.score, known.evidence, override));
  }
  await refreshPartial(state);
  return { ...state, partialPublished: true };
}

/** Adds the people the count made candidates (first scan only), marked as still being measured. */
export async function publishCandidates(state: ScanState, candidates: ReadonlyArray<{ account: Account; knownTotal: number }>): Promise<void> {
  if (!state.partialPublished || state.previousGeneration !== null) return;
  const overrides = await readAllOverrides();
  for (const { account, knownTotal } of candidates) {
    const override = overrides.get(account.accountId) ?? null;
    if (override !== null || classifyApp(account)) continue; // already shown, or an admin said no
    const evidence: Evidence[] = [
      { signal: 'candidate', detail: `${knownTotal} issues touched in ${state.windowDays} days: busy enough to be automation; projects, timing and the decision are still being measured` },
    ];
    await writeIdentityRecord(state.generation, unmeasured(account, 'person-integration', null, evidence, null));
  }
  await refreshPartial(state);
}

/** An identity's record before its activity is measured: who it is, its kind and why, no figures yet. */
export function unmeasured(account: Pick<Account, 'accountId' | 'displayName' | 'active' | 'email'>, kind: IdentityKind, score: number | null, evidence: Evidence[], override: IdentityRecord['override']): IdentityRecord {
  return {
    accountId: account.accountId,
    displayName: account.displayName,
    kind,
    active: account.active,
    email: account.email,
    score,
    evidence,
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
}

/** Publishes what the run has measured so far, while its snapshot is still partial. */
export async function refreshPartial(state: ScanState): Promise<void> {
  const summaries = (await readGenerationSummaries(state.generation)).sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));
  await publishSnapshot(state.generation, summaries, { completedAt: new Date().toISOString(), windowDays: state.windowDays, partial: true });
}
