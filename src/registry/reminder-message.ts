import type { Credential } from '../contract';

/** The reminder issue's text (pure). Names the credential by label only: there is never a secret to show. */
export function reminderText(args: { credential: Credential; identityName: string; daysToExpiry: number; ownerId: string | null; backupId: string | null }) {
  const { credential: c, identityName, daysToExpiry } = args;
  const when = daysToExpiry === 0 ? 'today' : `in ${daysToExpiry} day${daysToExpiry === 1 ? '' : 's'}`;
  const summary = `Credential "${c.label}" of ${identityName} expires ${when} (${c.expiresAt})`.slice(0, 250);
  const description = [
    `The ${c.kind} "${c.label}" used by the integration ${identityName} expires on ${c.expiresAt}.`,
    '',
    'Renew it before then and record the new expiry date in Integration Registry (Jira settings > Apps > Integration Registry),',
    'or record that it is no longer needed. Whatever runs on it stops when it expires.',
    '',
    `Owner: ${args.ownerId ?? 'nobody; choose one in Integration Registry'}`,
    `Backup: ${args.backupId ?? 'nobody; choose one in Integration Registry'}`,
  ].join('\n');
  return { summary, description, subject: `[Integration Registry] ${summary}` };
}
