import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import type { AttestationTask, Me, MyIntegration } from '../../../../src/contract';
import { myAttestations, myIntegrations } from '../../api/accountability';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useAsync } from '../../hooks/use-async';
import { AttestationCard } from './AttestationCard';
import { RecordEditor } from './RecordEditor';

async function load() {
  const [tasks, records] = await Promise.all([myAttestations(), myIntegrations()]);
  return { tasks, records };
}

/** The campaign a link from a Jira work item points at: the page's route `/attestations/<id>`. */
export function campaignFromPath(path: string): string | null {
  return /\/attestations\/(c[a-z0-9]{6,30})(?:$|[/?#])/.exec(path)?.[1] ?? null;
}

/** "My integrations" (jira:globalPage): what the caller owns or backs up, and the attestations they answer. */
export function MyPage({ me, path }: { me: Me; path: string }) {
  const state = useAsync(load, 'my');
  const [tasks, setTasks] = useState<AttestationTask[]>([]);
  const [records, setRecords] = useState<MyIntegration[]>([]);
  useEffect(() => {
    if (state.status !== 'ready') return;
    setTasks(state.data.tasks);
    setRecords(state.data.records);
  }, [state]);
  if (state.status === 'loading') return <PageLoading label="Loading your integrations" />;
  if (state.status === 'failed') return <ErrorState title="My integrations" error={state.error} />;
  const focus = campaignFromPath(path);
  const ordered = [...tasks].sort((a, b) => Number(b.campaignId === focus) - Number(a.campaignId === focus));
  return (
    <Box padding="space.400" testId="my-page">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          My integrations
        </Heading>
        <Text as="p">The integrations you own or back up, and the questions the Jira administrators asked you about them.</Text>
        <Stack space="space.200">
          <Heading size="medium" as="h2">
            To answer
          </Heading>
          {ordered.length === 0 ? (
            <Text as="p" color="color.text.subtle">
              Nothing to answer right now.
            </Text>
          ) : (
            ordered.map((t) => <AttestationCard key={`${t.campaignId}:${t.ownerAccountId}`} task={t} highlighted={t.campaignId === focus} onChange={(next) => setTasks(tasks.map((x) => (x === t ? next : x)))} />)
          )}
        </Stack>
        <Stack space="space.200">
          <Heading size="medium" as="h2">
            What you own or back up
          </Heading>
          {records.length === 0 ? (
            <SectionMessage appearance="information" title="No integrations in your name">
              <Text as="p">No registry record names you as owner or backup.</Text>
            </SectionMessage>
          ) : (
            records.map((r) => <RecordEditor key={r.accountId} record={r} onSaved={(next) => setRecords(records.map((x) => (x.accountId === next.accountId ? next : x)))} />)
          )}
        </Stack>
        <Text as="p" size="small" color="color.text.subtle" testId="signed-in-as">
          Signed in as <Text weight="bold">{me.displayName}</Text>
        </Text>
      </Stack>
    </Box>
  );
}
