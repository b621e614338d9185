import DynamicTable from '@atlaskit/dynamic-table';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { IdentityDetail } from '../../../../src/contract';
import { EmptyState } from '../../components/EmptyState';
import { ExpiryLozenge } from '../../components/ExpiryLozenge';
import { CREDENTIAL_KIND_LABELS, SOURCE_LABELS, formatDate } from './labels';

/** An identity's credentials: what they are, when they expire, who answers for them. */
export function CredentialsPanel({ detail: d, name }: { detail: IdentityDetail; name: (accountId: string) => string; onChanged: () => void }) {
  if (d.credentials.length === 0) {
    return (
      <EmptyState title="No credential recorded" testId="empty-credentials">
        Import credentials as CSV on the Credentials page, or let Atlassian Administration sync find this identity&apos;s API tokens (Settings).
      </EmptyState>
    );
  }
  const rows = [...d.credentials]
    .sort((a, b) => (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999'))
    .map((c) => ({
      key: c.id,
      testId: 'credential-row',
      cells: [
        {
          key: c.label,
          content: (
            <Stack space="space.025">
              <Text weight="bold">{c.label}</Text>
              {c.scopes.length ? (
                <Text size="small" color="color.text.subtle">
                  {c.scopes.join(' ')}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        { key: c.kind, content: CREDENTIAL_KIND_LABELS[c.kind] },
        {
          key: c.expiresAt ?? '9999',
          content: (
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <span>{formatDate(c.expiresAt)}</span>
              <span>
                <ExpiryLozenge tier={c.tier} days={c.daysToExpiry} />
              </span>
            </Inline>
          ),
        },
        { key: c.lastUsedAt ?? '', content: formatDate(c.lastUsedAt, 'unknown') },
        { key: c.ownerAccountId ?? '', content: c.ownerAccountId ? name(c.ownerAccountId) : 'The identity’s owner' },
        { key: c.source, content: SOURCE_LABELS[c.source] },
      ],
    }));
  return (
    <Stack space="space.200" testId="credentials-section">
      <DynamicTable
        label="Credentials"
        head={{
          cells: [
            { key: 'label', content: 'Label', isSortable: true },
            { key: 'kind', content: 'Kind', isSortable: true },
            { key: 'expires', content: 'Expires', isSortable: true },
            { key: 'used', content: 'Last used', isSortable: true },
            { key: 'owner', content: 'Answers for it' },
            { key: 'source', content: 'Recorded by' },
          ],
        }}
        rows={rows}
        rowsPerPage={20}
        testId="credentials-table"
      />
    </Stack>
  );
}
