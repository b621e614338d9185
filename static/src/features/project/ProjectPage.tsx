import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useEffect, useMemo, useState } from 'react';
import type { Me, ProjectIntegration, ProjectIntegrations, ProjectNote, ProjectRef } from '../../../../src/contract';
import { getProjectIntegrations } from '../../api/project-integrations';
import { ErrorState } from '../../components/ErrorState';
import { NoAccess } from '../../components/NoAccess';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime, formatFull } from '../../format/dates';
import { useAsync } from '../../hooks/use-async';
import type { AppLocation } from '../../routes/admin-link';
import { cell, IntegrationRow, type RowContext } from './IntegrationRow';
import { KIND_LABEL } from './labels';
import { listView, nobodyToCall, SORT_LABEL, type SortKey } from './list-view';

const HEADINGS = ['Integration', 'Activity here', 'Access here', 'Credentials', 'Whom to call', 'Note'];
const SORT_OPTIONS = (Object.keys(SORT_LABEL) as SortKey[]).map((value) => ({ value, label: SORT_LABEL[value] }));
const kindLabel = (i: ProjectIntegration) => KIND_LABEL[i.kind];

/** The project page (jira:projectPage) for the project in context: its lead, its admins and Jira admins. */
export function ProjectPage({ me, project, app }: { me: Me; project: ProjectRef; app: AppLocation }) {
  const state = useAsync(getProjectIntegrations, `project:${project.key}`);
  const [data, setData] = useState<ProjectIntegrations | null>(null);
  useEffect(() => setData(state.status === 'ready' ? state.data : null), [state]);

  if (state.status === 'loading') return <PageLoading label={`Loading the integrations in ${project.name}`} />;
  if (state.status === 'failed') {
    if (state.error.code === 'FORBIDDEN') return <NoAccess reason={state.error.message} />;
    return <ErrorState title={`Integrations in ${project.name}`} error={state.error} />;
  }
  const page = data ?? state.data;
  const setNote = (accountId: string, note: ProjectNote | null) =>
    setData({ ...page, integrations: page.integrations.map((i) => (i.accountId === accountId ? { ...i, note } : i)) });

  return (
    <Box padding="space.400" testId="project-page">
      <Stack space="space.300">
        <Stack space="space.100">
          <Heading size="large" as="h1">
            Integrations in {page.project.name}
          </Heading>
          <Text as="p">The integrations that touch {page.project.key}, what they do here, who answers for them, and whom to call when one stops.</Text>
        </Stack>
        {page.snapshot === null ? (
          <SectionMessage appearance="information" title="No scan yet">
            <Text as="p">This list fills once a Jira administrator has run the first scan.</Text>
          </SectionMessage>
        ) : page.integrations.length === 0 ? (
          <SectionMessage appearance="success" title="No integrations here">
            <Text as="p">The last scan found no integration working in or holding access to {page.project.key}.</Text>
          </SectionMessage>
        ) : (
          <Integrations
            page={{ ...page, snapshot: page.snapshot }}
            ctx={{ projectKey: page.project.key, windowFrom: page.snapshot.windowFrom, admin: me.isJiraAdmin ? app : null }}
            onNoteSaved={setNote}
          />
        )}
        <Text as="p" size="small" color="color.text.subtle" testId="signed-in-as">
          Signed in as <Text weight="bold">{me.displayName}</Text>
        </Text>
      </Stack>
    </Box>
  );
}

function Integrations({ page, ctx, onNoteSaved }: { page: ProjectIntegrations & { snapshot: NonNullable<ProjectIntegrations['snapshot']> }; ctx: RowContext; onNoteSaved: (accountId: string, note: ProjectNote | null) => void }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('activity');
  const [showIdle, setShowIdle] = useState(false);
  const view = useMemo(() => listView(page.integrations, { filter, sort, kindLabel }), [page.integrations, filter, sort]);
  const nobody = nobodyToCall(page.integrations);
  const { windowDays, completedAt } = page.snapshot;
  const total = page.integrations.length;

  return (
    <Stack space="space.200">
      <Text as="p" size="small" color="color.text.subtle" testId="snapshot-line">
        {total} integration{total === 1 ? '' : 's'} · activity over the last {windowDays} days · scanned{' '}
        <span title={formatFull(completedAt)} data-testid="scanned-at">
          {formatDateTime(completedAt)}
        </span>
      </Text>
      {nobody.length > 0 ? (
        <SectionMessage appearance="warning" title={`Nobody to call for ${nobody.length} of ${total} integrations`} testId="nobody-to-call">
          <Text as="p">
            No owner, backup or credential owner is recorded for {listNames(nobody.map((i) => i.displayName))}. Ask a Jira administrator to record an owner and a backup for each in Integration Registry.
          </Text>
        </SectionMessage>
      ) : null}
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <Stack space="space.050">
          <label htmlFor="project-filter" style={{ font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle') }}>
            Filter
          </label>
          <div style={{ width: 280 }}>
            <Textfield id="project-filter" placeholder="Name, kind, team or person" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} isCompact testId="project-filter" />
          </div>
        </Stack>
        <Stack space="space.050">
          <label htmlFor="project-sort" style={{ font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle') }}>
            Sort by
          </label>
          <div style={{ width: 260 }} data-testid="project-sort">
            <Select
              inputId="project-sort"
              options={SORT_OPTIONS}
              value={SORT_OPTIONS.find((o) => o.value === sort)}
              onChange={(o) => o && setSort(o.value)}
              isSearchable={false}
              spacing="compact"
              classNamePrefix="project-sort"
            />
          </div>
        </Stack>
      </Inline>
      {view.matched === 0 ? (
        <Text as="p" testId="no-match">
          No integration matches “{filter}”.
        </Text>
      ) : null}
      {view.working.length > 0 ? (
        <IntegrationTable label={`Integrations working in ${ctx.projectKey}`} items={view.working} ctx={ctx} onNoteSaved={onNoteSaved} testId="project-integrations" />
      ) : view.matched > 0 ? (
        <Text as="p" testId="none-working">
          None of {filter ? 'the matching integrations' : 'them'} did anything in {ctx.projectKey} in the last {windowDays} days.
        </Text>
      ) : null}
      {view.idle.length > 0 ? (
        <Stack space="space.150" testId="idle-integrations">
          <Inline space="space.150" alignBlock="center" shouldWrap>
            <Text as="p" testId="idle-summary">
              {view.idle.length === 1 ? 'One more integration holds' : `${view.idle.length} more integrations hold`} access to {ctx.projectKey} but did nothing here in the last {windowDays} days.
            </Text>
            <Button appearance="subtle" onClick={() => setShowIdle((v) => !v)} aria-expanded={showIdle} testId="toggle-idle">
              {showIdle ? 'Hide them' : 'Show them'}
            </Button>
          </Inline>
          {showIdle ? <IntegrationTable label={`Integrations with unused access to ${ctx.projectKey}`} items={view.idle} ctx={ctx} onNoteSaved={onNoteSaved} testId="project-idle-integrations" /> : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

function IntegrationTable({ label, items, ctx, onNoteSaved, testId }: { label: string; items: readonly ProjectIntegration[]; ctx: RowContext; onNoteSaved: (accountId: string, note: ProjectNote | null) => void; testId: string }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid={testId} aria-label={label}>
        <thead>
          <tr>
            {HEADINGS.map((h) => (
              <th key={h} scope="col" style={{ ...cell, borderBottom: `2px solid ${token('color.border')}`, color: token('color.text.subtle'), font: token('font.body.small'), fontWeight: token('font.weight.semibold'), whiteSpace: 'nowrap' }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <IntegrationRow key={item.accountId} item={item} ctx={ctx} onNoteSaved={(note) => onNoteSaved(item.accountId, note)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "A, B and C", or "A, B, C and 4 more" for long lists. */
function listNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
