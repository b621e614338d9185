import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ScanState } from '../../hooks/use-scan-status';
import { formatTime } from './labels';
import { describeScan } from '../../hooks/scan-view';
import { InlineError } from '../../components/InlineError';

/**
 * The scan, honestly: what it is doing in plain words, one progress over the whole run, why it is
 * paused and when it resumes, what failed, and the last completed scan (which readers still see).
 * `compact` drops the panel to one line when no scan runs.
 */
export function ScanPanel({ scan, compact = false }: { scan: ScanState; compact?: boolean }) {
  const s = scan.status;
  const v = s ? describeScan(s) : null;
  const last = v?.lastCompletedAt ? `Last completed ${formatTime(v.lastCompletedAt)}` : 'No scan has completed yet.';
  const lastLine = v === null ? 'Reading the scan status…' : v.active && v.lastCompletedAt ? `${last}; the pages show that scan until this one completes.` : last;
  if (compact && v && !v.active && !v.failure && !scan.error) {
    return (
      <Inline space="space.100" alignBlock="center" testId="scan-panel">
        <Text color="color.text.subtle" testId="last-scan">
          {lastLine}
        </Text>
        <Button appearance="subtle" onClick={() => void scan.start()} isLoading={scan.starting} testId="scan-now">
          Scan now
        </Button>
      </Inline>
    );
  }
  return (
    <Box padding="space.200" testId="scan-panel" style={{ border: `1px solid ${token('color.border')}`, borderRadius: 6, background: token('elevation.surface.raised') }}>
      <Stack space="space.150">
        <Inline space="space.200" alignBlock="center" spread="space-between" shouldWrap>
          <Stack space="space.050">
            <Inline space="space.100" alignBlock="center">
              <Text weight="bold">Discovery scan</Text>
              {v ? (
                <span data-testid="scan-state">
                  <Lozenge appearance={v.appearance}>{v.stateLabel}</Lozenge>
                </span>
              ) : null}
            </Inline>
            <Text as="p" color="color.text.subtle" testId="last-scan">
              {lastLine}
            </Text>
          </Stack>
          {v?.active ? (
            <Button onClick={() => void scan.cancel()} isLoading={scan.cancelling} testId="scan-cancel">
              Cancel scan
            </Button>
          ) : (
            <Button appearance={compact ? 'default' : 'primary'} onClick={() => void scan.start()} isDisabled={s === null} isLoading={scan.starting} testId="scan-now">
              Scan now
            </Button>
          )}
        </Inline>
        {v?.active ? (
          <Stack space="space.075">
            <div data-testid="scan-progress">
              <ProgressBar ariaLabel={`Scan progress${v.percent !== null ? `: ${v.percent}%` : ''}${v.doing ? `, ${v.doing}` : ''}`} value={(v.percent ?? 0) / 100} isIndeterminate={v.percent === null} />
            </div>
            <Text as="p" color="color.text.subtle" testId="scan-doing">
              {v.state === 'paused' ? 'Paused' : (v.doing ?? 'Working')}
              {v.percent !== null ? ` · ${v.percent}% done` : ''}
              {v.partial ? ' · the identities found so far are listed; their activity is still being measured' : ''}
            </Text>
            {v.pause ? (
              <SectionMessage appearance="information" title="Paused" testId="scan-paused">
                <Text as="p">
                  {v.pause.reason.replace(/\.$/, '')}. It resumes on its own at {formatTime(v.pause.resumesAt)}; nothing needs doing. To spend more of Jira&apos;s request budget per
                  hour, change it in Settings.
                </Text>
              </SectionMessage>
            ) : null}
          </Stack>
        ) : null}
        {v?.failure ? (
          <InlineError title="The last scan failed" message={v.failure} testId="scan-failure" />
        ) : null}
        {v?.fullScanReason && v.active ? (
          <Text as="p" size="small" color="color.text.subtle">
            A full scan: {v.fullScanReason}.
          </Text>
        ) : null}
        {v && v.unmeasured.length > 0 ? (
          <SectionMessage appearance="warning" title={`${v.unmeasured.length} could not be measured`} testId="scan-unmeasured">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {v.unmeasured.slice(0, 5).map((u) => (
                <li key={`${u.kind}:${u.id}`}>
                  <Text>
                    {u.name} ({u.kind === 'project' ? 'project' : 'identity'}): {u.reason}
                  </Text>
                </li>
              ))}
              {v.unmeasured.length > 5 ? <li>and {v.unmeasured.length - 5} more</li> : null}
            </ul>
          </SectionMessage>
        ) : null}
        {v && v.errors.length > 0 ? (
          <SectionMessage appearance="warning" title="The scan reported problems">
            <Stack space="space.050">
              {v.errors.slice(0, 3).map((e, i) => (
                <Text as="p" key={i}>
                  {e}
                </Text>
              ))}
            </Stack>
          </SectionMessage>
        ) : null}
        {scan.error ? (
          <InlineError title="Could not start or read the scan" message={scan.error.message} />
        ) : null}
      </Stack>
    </Box>
  );
}
