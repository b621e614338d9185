import { DeadlineError, JiraError, JiraUnavailableError, QuotaExhaustedError } from '../jira/errors';
import { BudgetSpentError } from '../jira/points-budget';
import type { ScanPhase } from './state';

/**
 * What a failure means for a scan:
 * - pause: the hour's budget or Jira's points quota is spent; wait until the reset (not a failure);
 * - transient: Jira or storage will likely answer later (5xx, timeouts, burst 429s, out of step time);
 *   retried with backoff, and the run fails only when it keeps failing for a long time;
 * - persistent: Jira refuses this one identity or project (a 4xx); recorded as unmeasured and skipped;
 * - fatal: the scan cannot go on (Jira refuses a whole phase); the run ends `failed` with `message`.
 */
export type FailureKind = 'pause' | 'transient' | 'persistent' | 'fatal';

export interface ClassifiedFailure {
  kind: FailureKind;
  /** For a person: what went wrong, and for fatal failures what to do about it. */
  message: string;
}

/** What each phase reads, for messages about a refusal. */
const PHASE_READS: Record<ScanPhase, string> = {
  changes: "Jira's audit log",
  directory: "the site's users",
  projects: "the site's projects",
  people: 'how many issues each person updated',
  identities: "the integrations' access and activity",
  publish: 'the stored results',
  cleanup: 'old stored results',
};

/**
 * Classifies an error thrown while scanning. `scope` says whether the work failed for one item
 * (an identity or a project, which can be skipped) or for the phase as a whole.
 */
export function classifyFailure(error: unknown, scope: 'item' | 'phase', phase: ScanPhase): ClassifiedFailure {
  if (error instanceof BudgetSpentError || error instanceof QuotaExhaustedError) return { kind: 'pause', message: error.message };
  if (error instanceof DeadlineError || error instanceof JiraUnavailableError) return { kind: 'transient', message: error.message };
  if (error instanceof JiraError) {
    if (error.status === 429 || error.status === 408 || error.status >= 500) return { kind: 'transient', message: error.message };
    if (scope === 'item') return { kind: 'persistent', message: refusal(error) };
    return { kind: 'fatal', message: `Jira refused to let the app read ${PHASE_READS[phase]}: ${refusal(error)}${advice(error.status)}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'transient', message: `Unexpected error: ${message}` };
}

function refusal(error: JiraError): string {
  const why = error.jiraMessages.length ? error.jiraMessages.join('; ') : statusWords(error.status);
  return `${why} (HTTP ${error.status} on ${error.path})`;
}

function statusWords(status: number): string {
  if (status === 401) return 'the app is not authorised';
  if (status === 403) return 'the app lacks the permission';
  if (status === 404) return 'not found, or not visible to the app';
  return 'the request was refused';
}

function advice(status: number): string {
  if (status === 401 || status === 403) return '. Check that the app is installed with its scopes and that Jira grants it "Browse users and groups", then start a new scan.';
  return '. Start a new scan; if this happens again, report it with this message.';
}
