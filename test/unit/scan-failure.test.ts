import { describe, expect, it } from 'vitest';
import { DeadlineError, JiraError, JiraUnavailableError, QuotaExhaustedError } from '../../src/jira/errors';
import { BudgetSpentError } from '../../src/jira/points-budget';
import { classifyFailure, type FailureKind } from '../../src/scan/failure';
import type { ScanPhase } from '../../src/scan/state';

const jira = (status: number, path = '/rest/api/3/users/search') => new JiraError(status, 'GET', path, []);

describe('classifying a scan failure', () => {
  it.each<[string, unknown, 'item' | 'phase', ScanPhase, FailureKind]>([
    ['the hour budget is spent', new BudgetSpentError(1), 'phase', 'identities', 'pause'],
    ["Jira's quota is spent", new QuotaExhaustedError(1, 'jira-quota-global-based'), 'item', 'identities', 'pause'],
    ['out of step time', new DeadlineError('retrying'), 'phase', 'directory', 'transient'],
    ['no answer', new JiraUnavailableError('timeout'), 'phase', 'people', 'transient'],
    ['a burst 429 that outlasted the retries', jira(429), 'phase', 'directory', 'transient'],
    ['a 500', jira(500), 'phase', 'directory', 'transient'],
    ['a 503 for one identity', jira(503), 'item', 'identities', 'transient'],
    ['a timeout answer (408)', jira(408), 'phase', 'people', 'transient'],
    ['a 400 for one identity', jira(400, '/rest/api/3/search/jql'), 'item', 'identities', 'persistent'],
    ['a 404 for one identity', jira(404, '/rest/api/3/user'), 'item', 'identities', 'persistent'],
    ['a 403 on the users list', jira(403), 'phase', 'directory', 'fatal'],
    ['a 401 on the users list', jira(401), 'phase', 'directory', 'fatal'],
    ['a 400 while counting people', jira(400, '/rest/api/3/search/approximate-count'), 'phase', 'people', 'fatal'],
    ['a storage error or a bug', new Error('RATE_LIMIT_EXCEEDED'), 'phase', 'identities', 'transient'],
    ['something thrown that is not an Error', 'boom', 'phase', 'publish', 'transient'],
  ])('%s', (_name, error, scope, phase, kind) => {
    expect(classifyFailure(error, scope, phase).kind).toBe(kind);
  });

  it('tells a person what Jira refused and what to do', () => {
    const failure = classifyFailure(new JiraError(403, 'GET', '/rest/api/3/users/search', ['You do not have permission']), 'phase', 'directory');
    expect(failure.message).toContain("the site's users");
    expect(failure.message).toContain('You do not have permission');
    expect(failure.message).toContain('start a new scan');
  });
});
