import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';

/** Nothing to show yet: says why and what to do next. */
export function EmptyState({ title, children, action, testId }: { title: string; children: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <Box padding="space.400" testId={testId ?? 'empty-state'} style={{ border: `1px dashed ${token('color.border')}`, borderRadius: 6, textAlign: 'center' }}>
      <Stack space="space.150" alignInline="center">
        <Heading size="small" as="h3">
          {title}
        </Heading>
        <Text as="p" color="color.text.subtle">
          {children}
        </Text>
        {action}
      </Stack>
    </Box>
  );
}
