import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { PersonRef, ProjectIntegration, ProjectNote } from '../../../../src/contract';
import { formatAgo, formatFull } from '../../format/dates';
import { KIND_LABEL, TIER_LABEL, TREND_LABEL } from './labels';
import { NoteEditor } from './NoteEditor';
import { tableCell } from '../../components/table-styles';

export const cell = tableCell(token('space.100'));

function Person({ person, role }: { person: PersonRef | null; role: string }) {
  if (!person) return <Text color="color.text.subtlest">No {role}</Text>;
  return (
    <Text>
      {person.displayName}
      {person.active ? '' : ' (deactivated)'}
    </Text>
  );
}

/** One integration touching the project: every value is rendered as text. */
export function IntegrationRow({ item, onNoteSaved }: { item: ProjectIntegration; onNoteSaved: (note: ProjectNote | null) => void }) {
  const { activity, access, credentials } = item;
  const tier = credentials.worstTier ? TIER_LABEL[credentials.worstTier] : null;
  return (
    <tr data-testid="project-integration">
      <td style={cell}>
        <Stack space="space.050">
          <Text weight="bold">{item.displayName}</Text>
          <span>
            <Lozenge>{KIND_LABEL[item.kind]}</Lozenge> {item.active ? null : <Lozenge appearance="removed">Deactivated</Lozenge>}
          </span>
        </Stack>
      </td>
      <td style={cell}>
        <Stack space="space.050">
          <Text>{activity.issuesTouched} issues</Text>
          <Text size="small" color="color.text.subtle">
            {activity.created} created · {activity.updated} updated · {activity.transitions} transitioned{activity.worklogs ? ` · ${activity.worklogs} worklogs` : ''}
          </Text>
          <Text size="small" color="color.text.subtle">
            <span title={formatFull(activity.lastActivity)}>Last: {formatAgo(activity.lastActivity)}</span>
            {activity.trend ? ` · ${TREND_LABEL[activity.trend]}` : ''}
          </Text>
        </Stack>
      </td>
      <td style={cell}>
        <Stack space="space.050">
          <span>{access.hasAccess ? <Lozenge appearance={access.canEdit ? 'moved' : 'default'}>{access.canEdit ? 'Can edit' : 'Can browse'}</Lozenge> : <Lozenge>No access now</Lozenge>}</span>
          {access.roles.length ? <Text size="small">{access.roles.join(', ')}</Text> : null}
          {access.hasAccess && !access.used ? <Lozenge appearance="removed">Unused access</Lozenge> : null}
        </Stack>
      </td>
      <td style={cell}>
        <Stack space="space.050">
          <Person person={item.owner} role="owner" />
          {item.orphaned ? (
            <span data-testid="orphaned">
              <Lozenge appearance="removed">Orphaned</Lozenge>{' '}
              <Text size="small">
                Owner {item.orphaned.formerOwner.displayName} left; handed over to {item.orphaned.handoverTo === 'admins' ? 'the Jira administrators' : item.orphaned.handoverTo.displayName}
                {item.orphaned.issueKey ? ` (${item.orphaned.issueKey})` : ''}
              </Text>
            </span>
          ) : null}
          <Text size="small" color="color.text.subtle">
            Backup: {item.backup ? item.backup.displayName : 'none'}
          </Text>
          {item.team ? <Text size="small" color="color.text.subtle">Team: {item.team}</Text> : null}
        </Stack>
      </td>
      <td style={cell}>
        {tier ? (
          <Stack space="space.050">
            <span>
              <Lozenge appearance={tier.appearance}>{tier.text}</Lozenge>
            </span>
            <Text size="small" color="color.text.subtle">
              {credentials.count} credential{credentials.count === 1 ? '' : 's'}
            </Text>
          </Stack>
        ) : (
          <Text color="color.text.subtlest">None recorded</Text>
        )}
      </td>
      <td style={{ ...cell, minWidth: 220 }}>
        <Stack space="space.100">
          <Text testId="who-to-call">{item.whoToCall}</Text>
          <NoteEditor accountId={item.accountId} integrationName={item.displayName} note={item.note} onSaved={onNoteSaved} />
        </Stack>
      </td>
    </tr>
  );
}
