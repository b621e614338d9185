import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import type { Me, ProjectIntegrations, ProjectNote, ProjectRef } from '../../../../src/contract';
import { getProjectIntegrations } from '../../api/project-integrations';
import { ErrorState } from '../../components/ErrorState';
import { NoAccess } from '../../components/NoAccess';
import { PageLoading } from '../../components/PageLoading';
import { useAsync } from '../../hooks/use-async';
import { cell, IntegrationRow } from './IntegrationRow';
import { formatDateTime } from '../../format/dates';

const HEADINGS = ['Integration', 'Activity here', 'Access here', 'Owner', 'Credentials', 'Who to call'];

/** The project page (jira:projectPage) for the project in context: its lead, its admins and Jira admins. */
export function ProjectPage({ me, project }: { me: Me; project: ProjectRef }) {
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
        <Heading size="large" as="h1">
          Integrations in {page.project.name}
        </Heading>
        <Text as="p">The integrations that touch {page.project.key}, what they do here, who answers for them, and whom to call when one stops.</Text>
        {page.snapshot === null ? (
          <SectionMessage appearance="information" title="No scan yet">
            <Text as="p">This list fills once a Jira administrator has run the first scan.</Text>
          </SectionMessage>
        ) : page.integrations.length === 0 ? (
          <SectionMessage appearance="success" title="No integrations here">
            <Text as="p">The last scan found no integration working in or holding access to {page.project.key}.</Text>
          </SectionMessage>
        ) : (
          <>
            <Text as="p" size="small" color="color.text.subtle" testId="snapshot-line">
              {page.integrations.length} integration{page.integrations.length === 1 ? '' : 's'} · activity over the last {page.snapshot.windowDays} days · scanned {formatDateTime(page.snapshot.completedAt)}
            </Text>
            <div style={{ overflowX: 'auto' }}>
              <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="project-integrations">
                <thead>
                  <tr>
                    {HEADINGS.map((h) => (
                      <th key={h} scope="col" style={{ ...cell, borderBottom: `2px solid ${token('color.border')}`, color: token('color.text.subtle'), font: token('font.body.small'), fontWeight: 600, whiteSpace: 'nowrap' }}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.integrations.map((item) => (
                    <IntegrationRow key={item.accountId} item={item} onNoteSaved={(note) => setNote(item.accountId, note)} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <Text as="p" size="small" color="color.text.subtle" testId="signed-in-as">
          Signed in as <Text weight="bold">{me.displayName}</Text>
        </Text>
      </Stack>
    </Box>
  );
}
