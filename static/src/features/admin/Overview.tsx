import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { CSSProperties, ReactNode } from 'react';
import type { ExpiryTier, IdentityKind, RegistryOverview, RiskCode } from '../../../../src/contract';
import { KIND_LABELS } from './labels';

const TIERS: Array<{ tier: ExpiryTier; label: string; color: string }> = [
  { tier: 'expired', label: 'Expired', color: token('color.text.danger') },
  { tier: 'critical', label: '≤ 7 days', color: token('color.text.danger') },
  { tier: 'warning', label: '≤ 30 days', color: token('color.text.warning') },
  { tier: 'ok', label: 'Later', color: token('color.text.success') },
  { tier: 'unknown', label: 'No date', color: token('color.text.subtle') },
];

const card: CSSProperties = {
  border: `1px solid ${token('color.border')}`,
  borderRadius: 6,
  background: token('elevation.surface.raised'),
  padding: token('space.200'),
  minWidth: 0,
  flex: '1 1 220px',
};

const bigNumber: CSSProperties = { font: token('font.heading.large'), color: token('color.text') };

/** Site-wide numbers at a glance; the risk counts filter the table below when clicked. */
export function Overview({
  overview,
  onFilter,
  onExpiring,
}: {
  overview: RegistryOverview;
  onFilter: (f: { kind?: IdentityKind; risk?: RiskCode }) => void;
  /** Opens the credentials expiring in that tier (site-wide "Expiring soon" view). */
  onExpiring: (tier: ExpiryTier) => void;
}) {
  return (
    <section aria-labelledby="overview-heading" data-testid="overview">
      <Stack space="space.150">
        <Heading size="small" as="h2" id="overview-heading">
          Overview
        </Heading>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200') }}>
          <div style={card}>
            <Stack space="space.100">
              <Text weight="bold">Identities by kind</Text>
              <span style={bigNumber} data-testid="overview-identities">
                {overview.identities}
              </span>
              <Stack space="space.025">
                {(Object.keys(KIND_LABELS) as IdentityKind[]).map((k) => (
                  <LinkRow key={k} label={KIND_LABELS[k]} value={overview.byKind[k]} onClick={() => onFilter({ kind: k })} />
                ))}
              </Stack>
            </Stack>
          </div>
          <div style={card}>
            <Stack space="space.100">
              <Text weight="bold">Credentials by expiry</Text>
              <span style={bigNumber}>{overview.credentials}</span>
              <Stack space="space.025">
                {TIERS.map((t) => (
                  <LinkRow key={t.tier} label={t.label} value={overview.credentialsByTier[t.tier]} color={t.color} onClick={() => onExpiring(t.tier)} testId={`overview-tier-${t.tier}`} what="Show these credentials" />
                ))}
              </Stack>
            </Stack>
          </div>
          <div style={card}>
            <Stack space="space.100">
              <Text weight="bold">Accountability</Text>
              <LinkRow label="No owner" value={overview.noOwner} danger onClick={() => onFilter({ risk: 'no-owner' })} testId="overview-no-owner" />
              <LinkRow label="No backup" value={overview.noBackup} danger onClick={() => onFilter({ risk: 'no-backup' })} testId="overview-no-backup" />
              <LinkRow label="Running on a person's account" value={overview.personOwned} danger onClick={() => onFilter({ risk: 'person-owned-integration' })} />
              <Inline spread="space-between">
                <Text>Holding unused project access</Text>
                <span style={{ fontWeight: 600, color: token('color.text') }} data-testid="overview-unused">
                  {overview.unusedAccess}
                </span>
              </Inline>
            </Stack>
          </div>
        </div>
      </Stack>
    </section>
  );
}

function LinkRow({ label, value, onClick, danger, color, testId, what = 'Show them in the table' }: { label: string; value: number; onClick: () => void; danger?: boolean; color?: string; testId?: string; what?: string }): ReactNode {
  return (
    <Box>
      <button
        type="button"
        onClick={onClick}
        data-testid={testId}
        title={what}
        style={{
          display: 'flex',
          width: '100%',
          justifyContent: 'space-between',
          gap: 8,
          padding: '2px 0',
          border: 'none',
          background: 'transparent',
          cursor: 'pointer',
          font: token('font.body'),
          color: token('color.link'),
          textAlign: 'left',
        }}
      >
        <span style={{ textDecoration: 'underline' }}>{label}</span>
        <span data-testid={testId ? `${testId}-count` : undefined} style={{ fontWeight: 600, color: value > 0 && color ? color : danger && value > 0 ? token('color.text.danger') : token('color.text') }}>
          {value}
        </span>
      </button>
    </Box>
  );
}
