import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';

/** A failure shown where it happened (a form, a panel, a view): a short title and the message written for people. */
export function InlineError({ title, message, testId }: { title?: string; message: string; testId?: string }) {
  return (
    <SectionMessage appearance="error" title={title} testId={testId}>
      <Text as="p">{message}</Text>
    </SectionMessage>
  );
}
