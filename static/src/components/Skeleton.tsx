import { Box, Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

/** Grey placeholder bars shown while content loads; announced once to screen readers. */
export function Skeleton({ lines = 3, label, height = 16 }: { lines?: number; label: string; height?: number }) {
  return (
    <Box role="status" aria-live="polite" aria-label={label} testId="skeleton">
      <Stack space="space.100">
        {Array.from({ length: lines }, (_, i) => (
          <div
            key={i}
            aria-hidden="true"
            style={{ height, width: `${100 - ((i * 17) % 40)}%`, borderRadius: 3, background: token('color.skeleton') }}
          />
        ))}
      </Stack>
    </Box>
  );
}
