import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import type { IdentityRecord } from '../../../../src/contract';
import { getIdentity, listIdentities } from '../../api/identities';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { useAsync } from '../../hooks/use-async';
import { KIND_LABELS } from './labels';

const IDENTITIES = 20;
const PROJECTS = 24;

const LEVELS = [
  { bg: 'transparent', fg: token('color.text.subtlest') },
  { bg: token('color.background.accent.blue.subtlest'), fg: token('color.text') },
  { bg: token('color.background.accent.blue.subtler'), fg: token('color.text') },
  { bg: token('color.background.accent.blue.subtle'), fg: token('color.text.inverse') },
  { bg: token('color.background.accent.blue.bolder'), fg: token('color.text.inverse') },
];

const level = (n: number) => (n <= 0 ? 0 : n < 5 ? 1 : n < 25 ? 2 : n < 100 ? 3 : 4);
const activity = (p: IdentityRecord['projects'][number]) => p.created + p.updated + p.worklogs;

interface Map {
  identities: Array<Pick<IdentityRecord, 'accountId' | 'displayName' | 'kind' | 'projectsTouched'> & { byProject: Record<string, number> }>;
  projects: Array<{ key: string; name: string; identities: number }>;
  total: number;
}

/** The identities that span the most projects, and their activity per project. */
async function loadMap(): Promise<Map> {
  const top = await listIdentities({ sort: { field: 'projectsTouched', direction: 'desc' }, limit: IDENTITIES, offset: 0 });
  const records: IdentityRecord[] = [];
  // A few at a time: each identity/get is one resolver call.
  for (let i = 0; i < top.items.length; i += 5) {
    records.push(...(await Promise.all(top.items.slice(i, i + 5).map((s) => getIdentity(s.accountId)))));
  }
  const projects = new globalThis.Map<string, { key: string; name: string; identities: number }>();
  for (const r of records)
    for (const p of r.projects) {
      if (activity(p) === 0) continue;
      const e = projects.get(p.projectKey) ?? { key: p.projectKey, name: p.projectName, identities: 0 };
      e.identities += 1;
      projects.set(p.projectKey, e);
    }
  return {
    identities: records.map((r) => ({ accountId: r.accountId, displayName: r.displayName, kind: r.kind, projectsTouched: r.projectsTouched, byProject: Object.fromEntries(r.projects.map((p) => [p.projectKey, activity(p)])) })),
    projects: [...projects.values()].sort((a, b) => b.identities - a.identities || a.key.localeCompare(b.key)).slice(0, PROJECTS),
    total: top.total,
  };
}

const th: CSSProperties = { padding: '4px 6px', font: token('font.body.small'), fontWeight: 600, color: token('color.text.subtle'), whiteSpace: 'nowrap' };

export default function HeatMap({ onOpen, reloadKey }: { onOpen: (accountId: string) => void; reloadKey: number }) {
  const state = useAsync(loadMap, String(reloadKey));
  if (state.status === 'loading') return <Skeleton lines={8} height={20} label="Loading the heat map" />;
  if (state.status === 'failed')
    return (
      <SectionMessage appearance="error" title="Could not load the heat map">
        <Text as="p">{state.error.message}</Text>
      </SectionMessage>
    );
  const m = state.data;
  if (m.identities.length === 0 || m.projects.length === 0)
    return <EmptyState title="No activity to map yet">Run a scan: the map shows which integrations work in which projects.</EmptyState>;
  return (
    <Stack space="space.150" testId="heat-map">
      <Text as="p" color="color.text.subtle">
        The {m.identities.length} identities that span the most projects (of {m.total}), and the issues each created, updated or logged work on per project, in the scan window. Wide rows are integrations many teams depend on.
      </Text>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'separate', borderSpacing: 2 }} aria-label="Activity per project and identity">
          <thead>
            <tr>
              <th scope="col" style={{ ...th, textAlign: 'left' }}>
                Identity
              </th>
              {m.projects.map((p) => (
                <th key={p.key} scope="col" style={th} title={p.name}>
                  {p.key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.identities.map((r) => (
              <tr key={r.accountId}>
                <th scope="row" style={{ ...th, textAlign: 'left', fontWeight: 400 }}>
                  <button
                    type="button"
                    onClick={() => onOpen(r.accountId)}
                    style={{ border: 'none', background: 'transparent', padding: 0, cursor: 'pointer', font: token('font.body.small'), color: token('color.link'), textAlign: 'left' }}
                  >
                    {r.displayName}
                  </button>{' '}
                  <span style={{ color: token('color.text.subtlest') }}>
                    {KIND_LABELS[r.kind]} · {r.projectsTouched}
                  </span>
                </th>
                {m.projects.map((p) => {
                  const n = r.byProject[p.key] ?? 0;
                  const l = LEVELS[level(n)] ?? LEVELS[0];
                  return (
                    <td
                      key={p.key}
                      title={`${r.displayName} in ${p.key}: ${n} issues`}
                      style={{ minWidth: 32, height: 28, textAlign: 'center', borderRadius: 3, font: token('font.body.small'), background: l?.bg, color: l?.fg, border: `1px solid ${token('color.border')}` }}
                    >
                      {n > 0 ? n : <span aria-label="none">·</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Inline space="space.100" alignBlock="center">
        <Text size="small" color="color.text.subtle">
          Issues:
        </Text>
        {['1–4', '5–24', '25–99', '100+'].map((label, i) => (
          <span key={label} style={{ padding: '2px 8px', borderRadius: 3, font: token('font.body.small'), background: LEVELS[i + 1]?.bg, color: LEVELS[i + 1]?.fg }}>
            {label}
          </span>
        ))}
      </Inline>
    </Stack>
  );
}
