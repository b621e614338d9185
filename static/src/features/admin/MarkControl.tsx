import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import { useState } from 'react';
import type { IdentitySummary } from '../../../../src/contract';
import { ResolverCallError } from '../../api/invoke';
import { markIdentity } from '../../api/identities';

type Override = IdentitySummary['override'];

/**
 * An admin's mark on an account: not an integration, or back to automatic detection. The mark wins
 * over the heuristics and takes effect at the next scan, which the message says.
 */
export function MarkControl({ accountId, override }: { accountId: string; override: Override }) {
  const [current, setCurrent] = useState<Override>(override);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const mark = async (integration: boolean | null) => {
    setBusy(true);
    try {
      const { override: saved } = await markIdentity(accountId, integration);
      setCurrent(saved);
      setMessage(saved === null ? 'Back to automatic detection from the next scan.' : saved === 'integration' ? 'Marked as an integration; the next scan keeps it.' : 'Marked as not an integration; the next scan leaves it out.');
    } catch (e) {
      setMessage(e instanceof ResolverCallError ? e.error.message : 'The mark could not be saved. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Inline space="space.100" alignBlock="center" shouldWrap testId="mark-control">
      {current === null ? (
        <Button onClick={() => void mark(false)} isDisabled={busy} testId="mark-not-integration">
          Not an integration
        </Button>
      ) : (
        <>
          <Text>{current === 'integration' ? 'Marked as an integration by an admin' : 'Marked as not an integration by an admin'}</Text>
          <Button onClick={() => void mark(null)} isDisabled={busy} testId="mark-clear">
            Use automatic detection
          </Button>
        </>
      )}
      <span role="status" aria-live="polite">
        {message ? <Text size="small" color="color.text.subtle">{message}</Text> : null}
      </span>
    </Inline>
  );
}
