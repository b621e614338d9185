import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import type { HeatMapData } from '../../../../src/contract';
import { getHeatMap } from '../../api/heatmap';
import { EmptyState } from '../../components/EmptyState';
import { Skeleton } from '../../components/Skeleton';
import { formatDateTime } from '../../format/dates';
import { useAsync } from '../../hooks/use-async';
import { KIND_LABELS } from './labels';
import { InlineError } from '../../components/InlineError';

/**
 * Cell colours: design tokens only, each background with a text token that keeps 4.5:1 or more in
 * the light and the dark theme (light: 12.7, 10.8, 5.2, 8.9; dark: 9.2, 8.1, 6.0, 10.0). The
 * backgrounds grow darker in light and brighter in dark, so "more" reads the same in both.
 */
const LEVELS = [
  { bg: 'transparent', fg: token('color.text.subtlest') },
  { bg: token('color.background.accent.blue.subtlest'), fg: token('color.text') },
  { bg: token('color.background.accent.blue.subtler'), fg: token('color.text') },
  { bg: token('color.background.accent.blue.bolder'), fg: token('color.text.inverse') },
  { bg: token('color.background.accent.blue.bolder.pressed'), fg: token('color.text.inverse') },
] as const;
const LEGEND = ['1–4', '5–24', '25–99', '100+'];

const level = (n: number) => (n <= 0 ? 0 : n < 5 ? 1 : n < 25 ? 2 : n < 100 ? 3 : 4);

const th: CSSProperties = { padding: `${token('space.050')} ${token('space.025')}`, font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle'), whiteSpace: 'nowrap' };
// The identity column stays in view if a narrow window has to scroll the map sideways.
const sticky: CSSProperties = { position: 'sticky', left: 0, zIndex: 1, background: token('elevation.surface'), textAlign: 'left', maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis' };
// Plain buttons that keep the browser's focus ring (no `all: unset`).
const plainButton: CSSProperties = { border: 'none', background: 'transparent', margin: 0, padding: 0, font: 'inherit', cursor: 'pointer' };
const cellButton: CSSProperties = { ...plainButton, boxSizing: 'border-box', display: 'block', width: '100%', height: '100%', lineHeight: '26px', textAlign: 'center', borderRadius: token('radius.small') };

export default function HeatMap({ onOpen, reloadKey }: { onOpen: (accountId: string, projectKey?: string) => void; reloadKey: number }) {
  const state = useAsync(getHeatMap, String(reloadKey));
  if (state.status === 'loading') return <Skeleton lines={8} height={20} label="Loading the heat map" />;
  if (state.status === 'failed')
    return (
      <InlineError title="Could not load the heat map" message={state.error.message} />
    );
  return <HeatMapTable map={state.data} onOpen={onOpen} />;
}

function HeatMapTable({ map: m, onOpen }: { map: HeatMapData; onOpen: (accountId: string, projectKey?: string) => void }) {
  if (m.rows.length === 0 || m.projects.length === 0)
    return <EmptyState title="No activity to map yet" testId="heat-map-empty">Run a scan: the map shows which integrations work in which projects.</EmptyState>;
  return (
    <Stack space="space.150" testId="heat-map">
      <Text as="p" color="color.text.subtle">
        The {m.rows.length} identities that work in the most projects (of {m.totalIdentities.toLocaleString()}), and their touches per project (one work item worked on in a day)
        {m.snapshot ? ` in the ${m.snapshot.windowDays} days before the scan of ${formatDateTime(m.snapshot.completedAt)}` : ''}. Wide rows are integrations many teams depend on. Select a
        number to open that identity.
      </Text>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'separate', borderSpacing: 2, tableLayout: 'auto' }} aria-label="Touches per project and identity" data-testid="heat-map-table">
          <thead>
            <tr>
              <th scope="col" style={{ ...th, ...sticky }}>
                Identity
              </th>
              {m.projects.map((p) => (
                <th key={p.key} scope="col" style={{ ...th, verticalAlign: 'bottom' }} title={`${p.name}: ${p.identities} of these identities work here`}>
                  {/* Keys read bottom to top, so 24 columns of long keys fit a 1,440-pixel window. */}
                  <span style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', display: 'inline-block', maxHeight: 96, overflow: 'hidden', textOverflow: 'ellipsis' }}>{p.key}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.rows.map((r) => (
              <tr key={r.accountId} data-testid="heat-map-row">
                <th scope="row" style={{ ...th, ...sticky, fontWeight: token('font.weight.regular') }}>
                  <button type="button" onClick={() => onOpen(r.accountId)} style={{ ...plainButton, color: token('color.link'), font: token('font.body.small'), textAlign: 'left' }} data-testid="heat-map-identity">
                    {r.displayName}
                  </button>
                  <div style={{ color: token('color.text.subtle') }}>
                    {KIND_LABELS[r.kind]} · {r.projectsTouched} projects
                  </div>
                </th>
                {m.projects.map((p, i) => {
                  const n = r.cells[i] ?? 0;
                  const l = LEVELS[level(n)];
                  const label = `${r.displayName} in ${p.key}: ${n.toLocaleString()} ${n === 1 ? 'touch' : 'touches'}`;
                  return (
                    <td key={p.key} title={label} style={{ minWidth: 34, height: 28, padding: 0, borderRadius: token('radius.small'), font: token('font.body.small'), background: l.bg, color: l.fg, border: `1px solid ${token('color.border')}` }}>
                      {n > 0 ? (
                        <button type="button" style={{ ...cellButton, color: l.fg }} aria-label={`${label}: open ${r.displayName}`} onClick={() => onOpen(r.accountId, p.key)} data-testid="heat-map-cell">
                          {n.toLocaleString()}
                        </button>
                      ) : (
                        <span style={{ display: 'block', textAlign: 'center' }} aria-label="none">
                          ·
                        </span>
                      )}
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
          Touches:
        </Text>
        {LEGEND.map((label, i) => {
          const l = LEVELS[(i + 1) as 1 | 2 | 3 | 4];
          return (
            <span key={label} style={{ padding: `${token('space.025')} ${token('space.100')}`, borderRadius: token('radius.small'), font: token('font.body.small'), background: l.bg, color: l.fg }}>
              {label}
            </span>
          );
        })}
      </Inline>
    </Stack>
  );
}
