import { describe, expect, it } from 'vitest';
import { overallProgress, phaseLabel, PHASE_LABELS } from '../../src/scan/status';

const REFRESH = { createdProjectIds: [], scope: { projectList: true, everywhere: 'all' as const, projectIds: [], appAccounts: [] } };

describe('an access refresh in scan/status', () => {
  it.each([
    ['projects', null, PHASE_LABELS.projects],
    ['identities', null, PHASE_LABELS.identities],
    ['projects', REFRESH, "Jira's audit log shows changes to groups, permissions or projects: reading the site's projects again"],
    ['identities', REFRESH, "Checking each integration's access again (its activity, kept current by Jira's events, stays as it is)"],
    ['publish', REFRESH, PHASE_LABELS.publish],
  ] as const)('phase %s (access refresh: %o) is labelled in plain words', (phase, accessRefresh, label) => {
    expect(phaseLabel({ phase, accessRefresh })).toBe(label);
  });

  it('moves forward through the phases of an incremental run that reads projects', () => {
    const at = (phase: 'changes' | 'projects' | 'identities' | 'publish', done = 0, total = 0) => overallProgress({ mode: 'incremental', phase, done, total, finishedAt: null, outcome: null }).done;
    expect([at('changes'), at('projects'), at('identities'), at('identities', 5, 10), at('publish')]).toEqual([0, 20, 120, 545, 970]);
  });
});
