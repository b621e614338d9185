import Spinner from '@atlaskit/spinner';
import { Box, Inline } from '@atlaskit/primitives';

/** Shown while the page's first answer is on its way. */
export function PageLoading({ label }: { label: string }) {
  return (
    <Box padding="space.400" role="status" aria-live="polite">
      <Inline space="space.100" alignBlock="center">
        <Spinner size="medium" label={label} />
        <span>{label}</span>
      </Inline>
    </Box>
  );
}
