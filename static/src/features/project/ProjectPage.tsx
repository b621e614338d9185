import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { Me, ProjectRef } from '../../../../src/contract';

/** The project page (jira:projectPage) for the project in context: its lead, its admins and Jira admins. */
export function ProjectPage({ me, project }: { me: Me; project: ProjectRef }) {
  return (
    <Box padding="space.400" testId="project-page">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          Integrations in {project.name}
        </Heading>
        <Text as="p">The integrations that touch {project.key}, their owners, and whom to call when one stops.</Text>
        <SectionMessage appearance="information" title="No scan yet">
          <Text as="p">This list fills once a Jira administrator has run the first scan.</Text>
        </SectionMessage>
        <Text as="p" testId="signed-in-as">
          Signed in as <Text weight="bold">{me.displayName}</Text>
        </Text>
      </Stack>
    </Box>
  );
}
