import Avatar from '@atlaskit/avatar';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { router } from '@forge/bridge';

/** Jira's profile page of a person (opened in a new tab). */
export const profilePath = (accountId: string) => `/jira/people/${encodeURIComponent(accountId)}`;

/** A person to call: avatar, name, role, email where Jira shows it, and a link to their Jira profile. */
export function PersonLine({ accountId, name, email, role, avatarUrl }: { accountId: string; name: string; email: string | null; role?: string; avatarUrl?: string | null }) {
  return (
    <Inline space="space.100" alignBlock="center" testId="person-line">
      <Avatar size="small" name={name} src={avatarUrl ?? undefined} testId="person-avatar" />
      <Stack space="space.0">
        <span>
          <Text weight="bold">{name}</Text>
          {role ? <Text color="color.text.subtle"> · {role}</Text> : null}
        </span>
        <span>
          {email ? (
            <a href={`mailto:${email}`} style={{ color: token('color.link') }} data-testid="person-email">
              {email}
            </a>
          ) : (
            <Text size="small" color="color.text.subtle">
              email hidden by their profile settings
            </Text>
          )}
          {' · '}
          <a
            href={profilePath(accountId)}
            onClick={(e) => {
              e.preventDefault();
              void router.open(profilePath(accountId));
            }}
            style={{ color: token('color.link') }}
            data-testid="person-profile"
          >
            Jira profile ↗
          </a>
        </span>
      </Stack>
    </Inline>
  );
}
