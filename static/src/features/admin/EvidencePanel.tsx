import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { PERSON_INTEGRATION_SCORE, type Evidence, type EvidenceMeasure, type IdentityDetail } from '../../../../src/contract';
import { DrillCount } from '../../components/DrillCount';
import { tableCell } from '../../components/table-styles';

type Subject = Pick<IdentityDetail, 'accountId' | 'displayName' | 'kind' | 'score' | 'evidence' | 'override' | 'issuesTouched' | 'projectsTouched' | 'window'>;

const SIGNAL_LABEL: Record<string, string> = {
  'account type': 'Account type',
  admin: 'Marked by a Jira administrator',
  volume: 'Volume',
  spread: 'Spread over projects',
  'round the clock': 'Round the clock',
  bursts: 'Bursts of changes',
};

const WHAT_IT_MEANS: Record<string, string> = {
  volume: 'Issues updated a day, over the scan window',
  spread: 'Projects it worked in',
  'round the clock': 'Sampled changes at night or weekends in its own time zone (or hours of the day with changes)',
  bursts: 'Repeat changes to one issue less than 10 seconds apart',
};

const cell = tableCell(token('space.100'));
const head = { ...cell, color: token('color.text.subtle'), font: token('font.body.small'), fontWeight: token('font.weight.semibold'), borderBottom: `2px solid ${token('color.border')}`, textAlign: 'left' as const };

function formatMeasure(m: EvidenceMeasure, value: number): string {
  switch (m.unit) {
    case 'percent':
      return `${value}%`;
    case 'issues a day':
      return `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })} issues a day`;
    case 'projects':
      return `${value.toLocaleString()} projects`;
    case 'hours of 24':
      return `${value} of 24 hours`;
  }
}

/**
 * Why an account is taken for an integration: each signal with the value the scan measured, the
 * threshold it met and what it added to the score; the issues behind the volume open in Jira's
 * issue search. For app accounts, the account type alone decides.
 */
export function EvidencePanel({ identity: d }: { identity: Subject }) {
  const from = d.window.from || null;
  const measured = d.evidence.some((e) => e.measure);
  return (
    <Stack space="space.150" testId="evidence-panel">
      <Heading size="small" as="h3">
        Why it is taken for an integration
      </Heading>
      {d.kind === 'person-integration' ? (
        <Text as="p" testId="evidence-score">
          {d.override === 'integration' ? 'A Jira administrator marked this account as an integration. ' : ''}
          {d.score !== null ? (
            <>
              Automation score <Text weight="bold">{d.score.toFixed(2)}</Text> of 1; a person's account is taken for an integration from {PERSON_INTEGRATION_SCORE.toFixed(2)}.
            </>
          ) : null}
        </Text>
      ) : null}
      {measured || d.evidence.length > 1 ? (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ width: '100%', borderCollapse: 'collapse' }} aria-label="Signals behind the classification">
            <thead>
              <tr>
                <th scope="col" style={head}>Signal</th>
                <th scope="col" style={head}>Measured</th>
                <th scope="col" style={head}>Threshold</th>
                <th scope="col" style={head}>Adds to score</th>
              </tr>
            </thead>
            <tbody>
              {d.evidence.map((e, i) => (
                <SignalRow key={`${e.signal}:${i}`} e={e} d={d} from={from} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        d.evidence.map((e, i) => (
          <Text as="p" key={i}>
            <Lozenge>{SIGNAL_LABEL[e.signal] ?? e.signal}</Lozenge> {e.detail}
          </Text>
        ))
      )}
    </Stack>
  );
}

function SignalRow({ e, d, from }: { e: Evidence; d: Subject; from: string | null }) {
  const m = e.measure;
  return (
    <tr data-testid="evidence-signal">
      <td style={cell}>
        <Stack space="space.025">
          <Text weight="medium">{SIGNAL_LABEL[e.signal] ?? e.signal}</Text>
          {WHAT_IT_MEANS[e.signal] ? (
            <Text size="small" color="color.text.subtle">
              {WHAT_IT_MEANS[e.signal]}
            </Text>
          ) : null}
        </Stack>
      </td>
      <td style={cell}>
        <Stack space="space.025">
          <Text>{m ? formatMeasure(m, m.value) : e.detail}</Text>
          {m ? (
            <Text size="small" color="color.text.subtle">
              {e.signal === 'volume' && from ? (
                <>
                  <DrillCount n={d.issuesTouched} who={d.displayName} target={{ accountId: d.accountId, projectKey: null, action: 'touched', from }} text={`${d.issuesTouched.toLocaleString()} issues`} />{' '}
                  updated in {d.window.days} days
                </>
              ) : (
                e.detail
              )}
            </Text>
          ) : null}
        </Stack>
      </td>
      <td style={cell}>{m ? `from ${formatMeasure(m, m.threshold)}` : '—'}</td>
      <td style={cell}>{m ? `+${m.points.toFixed(2)}` : '—'}</td>
    </tr>
  );
}
