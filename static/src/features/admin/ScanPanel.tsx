import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ScanState } from '../../hooks/use-scan-status';
import { formatTime } from './labels';

/** The last scan's time, a live progress bar while a scan runs, and Scan now. */
export function ScanPanel({ scan, compact = false }: { scan: ScanState; compact?: boolean }) {
  void compact;
  const s = scan.status;
  const running = s !== null && (s.state === 'running' || s.state === 'paused');
  const percent = s && s.progress.total > 0 ? Math.min(100, Math.round((s.progress.done / s.progress.total) * 100)) : 0;
  return (
    <Box padding="space.200" testId="scan-panel" style={{ border: `1px solid ${token('color.border')}`, borderRadius: 6, background: token('elevation.surface.raised') }}>
      <Stack space="space.150">
        <Inline space="space.200" alignBlock="center" spread="space-between" shouldWrap>
          <Stack space="space.050">
            <Inline space="space.100" alignBlock="center">
              <Text weight="bold">Discovery scan</Text>
              {s === null ? null : s.state === 'running' ? (
                <Lozenge appearance="inprogress">Running</Lozenge>
              ) : s.state === 'paused' ? (
                <Lozenge appearance="moved">Paused</Lozenge>
              ) : s.state === 'failed' ? (
                <Lozenge appearance="removed">Failed</Lozenge>
              ) : s.state === 'cancelled' ? (
                <Lozenge appearance="default">Cancelled</Lozenge>
              ) : (
                <Lozenge appearance="success">Idle</Lozenge>
              )}
            </Inline>
            <Text as="p" color="color.text.subtle" testId="last-scan">
              {s === null ? 'Reading the scan status…' : s.lastCompletedAt ? `Last completed ${formatTime(s.lastCompletedAt)}` : 'No scan has completed yet.'}
            </Text>
          </Stack>
          <Button appearance="primary" onClick={() => void scan.start()} isDisabled={running || scan.starting || s === null} isLoading={scan.starting} testId="scan-now">
            {running ? 'Scanning…' : 'Scan now'}
          </Button>
        </Inline>
        {running && s ? (
          <Stack space="space.075">
            <div
              role="progressbar"
              aria-label="Scan progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={`${percent}%${s.phaseLabel ? `, ${s.phaseLabel}` : ''}`}
              data-testid="scan-progress"
              style={{ height: 8, borderRadius: 4, background: token('color.background.neutral'), overflow: 'hidden' }}
            >
              <div style={{ width: `${percent}%`, height: '100%', background: token('color.background.brand.bold'), transition: 'width 300ms' }} />
            </div>
            <Text as="p" color="color.text.subtle" size="small">
              {s.phaseLabel ? `${s.phaseLabel} · ` : ''}
              {percent}% · {s.pointsUsed.toLocaleString()} Jira points used
              {s.pause ? ` · ${s.pause.reason}, resumes ${formatTime(s.pause.resumesAt)}` : ''}
            </Text>
          </Stack>
        ) : null}
        {s && s.failure ? (
          <SectionMessage appearance="error" title="The scan failed">
            <Text as="p">{s.failure}</Text>
          </SectionMessage>
        ) : null}
        {s && s.fullScanReason && running ? (
          <Text as="p" color="color.text.subtle" size="small" testId="full-scan-reason">
            Reading everything: {s.fullScanReason}
          </Text>
        ) : null}
        {s && s.errors.length > 0 ? (
          <SectionMessage appearance="warning" title="The scan reported problems">
            <Stack space="space.050">
              {s.errors.slice(0, 3).map((e, i) => (
                <Text as="p" key={i}>
                  {e}
                </Text>
              ))}
            </Stack>
          </SectionMessage>
        ) : null}
        {scan.error ? (
          <SectionMessage appearance="error" title="Could not start or read the scan">
            <Text as="p">{scan.error.message}</Text>
          </SectionMessage>
        ) : null}
      </Stack>
    </Box>
  );
}
