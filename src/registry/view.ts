import type { IdentityRecord, RegistryView } from '../contract';
import { blastRadius } from '../rules/blast-radius';
import { assessRisks } from '../rules/risks';
import { readCredentials } from './credential-store';
import { toCredentialView } from './credential-view';
import { readHistory } from './history-store';
import { readOwnership } from './ownership-store';
import { activeFlags } from './people';
import { readOrphan } from './orphans';
import { readRiskPolicy } from './reminder-settings';

/**
 * The registry's part of `identity/get`: ownership and its version, credentials with expiry tiers,
 * the first page of history, risks and blast radius. `identity` is the scan's record (null when the
 * identity is not in the last snapshot): it feeds the activity-based risks and the blast radius.
 */
export async function loadRegistryView(accountId: string, identity: IdentityRecord | null): Promise<RegistryView> {
  const now = new Date();
  const [owned, creds, history, orphan, policy] = await Promise.all([readOwnership(accountId), readCredentials(accountId), readHistory(accountId), readOrphan(accountId), readRiskPolicy()]);
  const people = [owned.ownership?.ownerAccountId, owned.ownership?.backupAccountId, ...creds.credentials.map((c) => c.ownerAccountId)].filter((id): id is string => !!id);
  // Deactivated owners are a risk worth one Jira call each; if Jira is unavailable the view still loads.
  const flags = people.length > 0 ? await activeFlags(people).catch(() => new Map<string, { active: boolean }>()) : new Map<string, { active: boolean }>();
  const inactive = new Set([...flags].filter(([, f]) => !f.active).map(([id]) => id));
  return {
    ownership: owned.ownership,
    version: owned.version,
    credentials: creds.credentials.map((c) => toCredentialView(c, now)),
    credentialsVersion: creds.version,
    history,
    risks: [
      ...(orphan
        ? [{ code: 'orphaned' as const, severity: 'high' as const, message: `Its owner ${orphan.formerOwnerName} left; handed over to ${orphan.handoverToName}${orphan.issueKey ? ` (${orphan.issueKey})` : ''}. Choose a new owner.` }]
        : []),
      ...assessRisks({ identity, ownership: owned.ownership, credentials: creds.credentials, people: flags, now, policy }),
    ],
    blastRadius: blastRadius(identity, owned.ownership, creds.credentials, inactive),
  };
}
