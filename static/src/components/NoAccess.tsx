import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack, Text } from '@atlaskit/primitives';

/** The page a caller sees when their Jira permissions do not let them in. Shows no data. */
export function NoAccess({ reason }: { reason: string }) {
  return (
    <Box padding="space.400" testId="no-access">
      <Stack space="space.200">
        <Heading size="large" as="h1">
          You don't have access to this page
        </Heading>
        <SectionMessage appearance="warning" title="Access is limited">
          <Stack space="space.100">
            <Text as="p">{reason}</Text>
            <Text as="p">If you need access, ask a Jira administrator.</Text>
          </Stack>
        </SectionMessage>
      </Stack>
    </Box>
  );
}
