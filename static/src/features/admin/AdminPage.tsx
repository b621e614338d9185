import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { Me } from '../../../../src/contract';

/** The admin page (jira:adminPage). Jira administrators only; the back end decides, this only shows. */
export function AdminPage({ me }: { me: Me }) {
  return (
    <Box padding="space.400" testId="admin-page">
      <Stack space="space.300">
        <Inline space="space.100" alignBlock="center">
          <Heading size="large" as="h1">
            Integration Registry
          </Heading>
          <Lozenge appearance="inprogress">Admin</Lozenge>
        </Inline>
        <Text as="p">
          Every integration identity on this site, the projects it touches, who owns its credentials, and what breaks if one expires.
        </Text>
        <SectionMessage appearance="information" title="No scan yet">
          <Text as="p">The registry fills once the first scan of this site has run.</Text>
        </SectionMessage>
        <Text as="p" testId="signed-in-as">
          Signed in as <Text weight="bold">{me.displayName}</Text> (Jira administrator)
        </Text>
      </Stack>
    </Box>
  );
}
