import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import type { ResolverError } from '../../../src/contract';
import { InlineError } from './InlineError';

/** An error answer from the back end, shown with its message (written for people by the resolver). */
export function ErrorState({ title, error }: { title: string; error: ResolverError }) {
  return (
    <Box padding="space.400" testId="error-state">
      <Stack space="space.200">
        <Heading size="large" as="h1">
          {title}
        </Heading>
        <InlineError title="Something went wrong" message={error.message} />
      </Stack>
    </Box>
  );
}
