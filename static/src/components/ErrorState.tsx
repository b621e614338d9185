import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { ResolverError } from '../../../src/contract';

/** An error answer from the back end, shown with its message (written for people by the resolver). */
export function ErrorState({ title, error }: { title: string; error: ResolverError }) {
  return (
    <Box padding="space.400" testId="error-state">
      <Stack space="space.200">
        <Heading size="large" as="h1">
          {title}
        </Heading>
        <SectionMessage appearance="error" title="Something went wrong">
          <Text as="p">{error.message}</Text>
        </SectionMessage>
      </Stack>
    </Box>
  );
}
