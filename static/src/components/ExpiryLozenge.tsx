import Lozenge from '@atlaskit/lozenge';
import type { ExpiryTier } from '../../../src/contract';

const APPEARANCE = { expired: 'removed', critical: 'removed', warning: 'moved', ok: 'success', unknown: 'default' } as const;

/** A credential's expiry tier as a lozenge, with the days left when known. */
export function ExpiryLozenge({ tier, days }: { tier: ExpiryTier; days: number | null }) {
  const text =
    tier === 'unknown' || days === null
      ? 'No expiry date'
      : days < 0
        ? `Expired ${-days} d ago`
        : days === 0
          ? 'Expires today'
          : `${tier === 'ok' ? 'OK' : 'Expires'} · ${days} d`;
  return (
    <Lozenge appearance={APPEARANCE[tier]} isBold={tier === 'expired' || tier === 'critical'} testId="expiry-lozenge">
      {text}
    </Lozenge>
  );
}
