import Avatar from '@atlaskit/avatar';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { Contact } from '../../../../src/contract';
import { JiraLink } from '../../components/JiraLink';
import { profilePath } from '../../routes/admin-link';

const ROLE_LABEL: Record<Contact['role'], string> = { owner: 'Owner', backup: 'Backup', 'credential-owner': 'Credential owner' };

/** Whom to call, in order: avatar, name (their Jira profile), role, and email when Jira shows it. */
export function CallList({ contacts, deactivated }: { contacts: readonly Contact[]; deactivated: number }) {
  return (
    <Stack space="space.100">
      {contacts.length === 0 ? (
        <Text color="color.text.subtle">Nobody recorded</Text>
      ) : (
        <ol style={{ margin: 0, padding: 0, listStyle: 'none' }} data-testid="call-list">
          {contacts.map((c) => (
            <li key={`${c.role}:${c.accountId}`} style={{ marginBottom: 6 }} data-testid="contact">
              <Inline space="space.100" alignBlock="start">
                <Avatar size="small" name={c.displayName} src={c.avatarUrl ?? undefined} testId="contact-avatar" />
                <Stack space="space.0">
                  <Text>
                    <JiraLink path={profilePath(c.accountId)} label={`${c.displayName}'s Jira profile`} testId="contact-profile">
                      {c.displayName}
                    </JiraLink>
                  </Text>
                  <Text size="small" color="color.text.subtle">
                    {ROLE_LABEL[c.role]}
                    {c.email ? (
                      <>
                        {' · '}
                        <span data-testid="contact-email" style={{ overflowWrap: 'anywhere' }}>
                          {c.email}
                        </span>
                      </>
                    ) : null}
                  </Text>
                </Stack>
              </Inline>
            </li>
          ))}
        </ol>
      )}
      {deactivated > 0 ? (
        <Text size="small" color="color.text.subtle">
          {deactivated === 1 ? 'One recorded contact is deactivated.' : `${deactivated} recorded contacts are deactivated.`}
        </Text>
      ) : null}
    </Stack>
  );
}
