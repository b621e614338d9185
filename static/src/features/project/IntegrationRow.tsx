import Lozenge from '@atlaskit/lozenge';
import { UnusedAccessLozenge } from '../../components/UnusedAccessLozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { ACTIVITY_DEFINITION, type ProjectIntegration, type ProjectNote } from '../../../../src/contract';
import { JiraLink } from '../../components/JiraLink';
import { tableCell } from '../../components/table-styles';
import { formatAgo, formatFull } from '../../format/dates';
import type { DrillAction } from '../../jira/drilldown';
import { DrillCount } from '../../components/DrillCount';
import { adminPageUrl, identityPath, type AppLocation } from '../../routes/admin-link';
import { CallList } from './CallList';
import { KIND_LABEL, TIER_LABEL, TREND_LABEL } from './labels';
import { NoteEditor } from './NoteEditor';

export const cell = tableCell(token('space.100'));

/** What the row needs besides the integration: where the site is, the window, and who is looking. */
export interface RowContext {
  projectKey: string;
  /** First day of the scan window (yyyy-MM-dd), for the issue searches behind each count. */
  windowFrom: string;
  /** Set for Jira administrators: the integration's name links to it on the admin page. */
  admin: AppLocation | null;
}

/** A count of this integration's work here, opening the issues behind it. */
function Count({ n, action, noun, item, ctx }: { n: number; action: DrillAction; noun: string; item: ProjectIntegration; ctx: RowContext }) {
  return (
    <DrillCount n={n} who={item.displayName} target={{ accountId: item.accountId, projectKey: ctx.projectKey, action, from: ctx.windowFrom }} text={`${n.toLocaleString()} ${noun}`} />
  );
}

/** One integration touching the project: every value is rendered as text. */
export function IntegrationRow({ item, ctx, onNoteSaved }: { item: ProjectIntegration; ctx: RowContext; onNoteSaved: (note: ProjectNote | null) => void }) {
  const { activity, access, credentials } = item;
  const tier = credentials.worstTier ? TIER_LABEL[credentials.worstTier] : null;
  return (
    <tr data-testid="project-integration">
      <td style={{ ...cell, minWidth: 200 }}>
        <Stack space="space.075">
          <Text weight="bold">
            {ctx.admin ? (
              <JiraLink path={adminPageUrl(ctx.admin, identityPath(item.accountId))} newTab={false} label={`${item.displayName} on the admin page`} testId="open-in-admin">
                {item.displayName}
              </JiraLink>
            ) : (
              item.displayName
            )}
          </Text>
          <Inline space="space.050" shouldWrap>
            <Lozenge>{KIND_LABEL[item.kind]}</Lozenge>
            {item.active ? null : <Lozenge appearance="removed">Deactivated</Lozenge>}
          </Inline>
          {item.purpose ? (
            <Text size="small" testId="purpose">
              {item.purpose}
            </Text>
          ) : null}
          {item.runbookUrl ? (
            <Text size="small">
              <JiraLink path={item.runbookUrl} label={`Runbook for ${item.displayName}`} testId="runbook-link">
                Runbook
              </JiraLink>
            </Text>
          ) : null}
          {item.team ? (
            <Text size="small" color="color.text.subtle">
              Team: {item.team}
            </Text>
          ) : null}
        </Stack>
      </td>
      <td style={cell}>
        <Stack space="space.050">
          <Text>
            <span title={ACTIVITY_DEFINITION}>
              <Count n={activity.touches} action="touched" noun={activity.touches === 1 ? 'touch' : 'touches'} item={item} ctx={ctx} />
            </span>
          </Text>
          <Text size="small" color="color.text.subtle">
            <Count n={activity.created} action="created" noun="created" item={item} ctx={ctx} /> · <Count n={activity.transitioned} action="transitioned" noun="transitioned" item={item} ctx={ctx} />
            {activity.commented ? ` · ${activity.commented.toLocaleString()} commented` : null}
            {activity.worked ? (
              <>
                {' · '}
                <Count n={activity.worked} action="worklogs" noun="worked" item={item} ctx={ctx} />
              </>
            ) : null}
          </Text>
          <Text size="small" color="color.text.subtle">
            <span title={formatFull(activity.lastActivity)}>Last: {formatAgo(activity.lastActivity)}</span>
            {activity.trend ? ` · ${TREND_LABEL[activity.trend]}` : ''}
          </Text>
        </Stack>
      </td>
      <td style={cell}>
        <Stack space="space.050">
          <span>{access.hasAccess ? <Lozenge appearance={access.canEdit ? 'inprogress' : 'default'}>{access.canEdit ? 'Can edit' : 'Can browse'}</Lozenge> : <Lozenge>No access now</Lozenge>}</span>
          {access.hasAccess && !access.used ? (
            <span>
              <UnusedAccessLozenge />
            </span>
          ) : null}
          {access.roles.length ? <Text size="small">{access.roles.join(', ')}</Text> : null}
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
          <Text color="color.text.subtle">None recorded</Text>
        )}
      </td>
      <td style={{ ...cell, minWidth: 220 }}>
        <Stack space="space.100">
          {item.orphaned ? (
            <span data-testid="orphaned">
              <Lozenge appearance="removed">Orphaned</Lozenge>{' '}
              <Text size="small">
                Owner {item.orphaned.formerOwner.displayName} left; handed over to {item.orphaned.handoverTo === 'admins' ? 'the Jira administrators' : item.orphaned.handoverTo.displayName}
                {item.orphaned.issueKey ? ` (${item.orphaned.issueKey})` : ''}
              </Text>
            </span>
          ) : null}
          <CallList contacts={item.callList} deactivated={item.deactivatedContacts} />
        </Stack>
      </td>
      <td style={{ ...cell, minWidth: 180 }}>
        <NoteEditor accountId={item.accountId} integrationName={item.displayName} note={item.note} onSaved={onNoteSaved} />
      </td>
    </tr>
  );
}
