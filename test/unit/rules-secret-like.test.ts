import { describe, expect, it } from 'vitest';
import { secretLikeReason } from '../../src/rules/secret-like';
import { multiLineProblem, singleLineProblem, webUrlProblem } from '../../src/rules/text-safety';

describe('secretLikeReason', () => {
  it.each([
    ['ATATT3xFfGF0T4nQpZrLmVbW8yKcD1sE9uJhGiO2aPq', /Atlassian API token/],
    ['token: ATCTT3xFfGF0abcdefgh1234', /ATCTT/],
    ['Authorization: Bearer abcdefghijklmnop', /bearer/],
    ['Basic dXNlcjpwYXNzd29yZDEyMzQ1Ng==', /encoded credentials/],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', /private key/],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig', /JSON Web Token/],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', /GitHub/],
    ['xoxb-1234567890-abcdefghij', /Slack/],
    ['AKIAIOSFODNN7EXAMPLE', /AWS/],
    ['client_secret=s3cr3tv4lu3', /secret assignment/],
    ['password: hunter2hunter2', /secret assignment/],
    ['Zx8kP2qL9mN4vB7cR1tY6wE3uI5oA0sD', /random-looking/],
    ['a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', /random-looking/],
  ])('refuses %s', (text, why) => {
    expect(secretLikeReason(text)).toMatch(why);
  });

  it.each([
    'Syncs HR data nightly into the HR project',
    'Owner: 712020:3f1c2b4a-0d4e-4f5a-8b9c-1d2e3f4a5b6c',
    '3f1c2b4a-0d4e-4f5a-8b9c-1d2e3f4a5b6c',
    'See https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit',
    'Ticket 12345678901234567890123456789012345',
    'the token is rotated every 90 days by the platform team',
    'read:jira-work write:jira-work',
  ])('accepts %s', (text) => {
    expect(secretLikeReason(text)).toBeNull();
  });

  it('skips the entropy test for links but still spots known token shapes in them', () => {
    expect(secretLikeReason('https://docs.google.com/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms', { allowLongRuns: true })).toBeNull();
    expect(secretLikeReason('https://x.example/?t=ATATT3xFfGF0abcdefgh1234', { allowLongRuns: true })).toMatch(/ATATT/);
  });
});

describe('text safety', () => {
  it.each([
    ['plain', null],
    ['tab\there', /control/],
    ['bell\u0007', /control/],
    ['c1\u0085', /control/],
    ['rtl\u202Eoverride', /invisible/],
    ['zero\u200Bwidth', /invisible/],
  ])('single line %j', (value, problem) => {
    const found = singleLineProblem(value);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('allows line breaks and tabs in notes only', () => {
    expect(multiLineProblem('line 1\n\tline 2')).toBeNull();
    expect(multiLineProblem('cr\r')).toMatch(/control/);
    expect(singleLineProblem('a\nb')).toMatch(/line breaks/);
  });

  it.each([
    ['https://wiki.example.com/runbook', null],
    ['http://intranet/runbook', null],
    ['javascript:alert(1)', /https/],
    ['data:text/html,<b>x</b>', /https/],
    ['ftp://files.example.com', /https/],
    ['wiki/runbook', /full link/],
    ['https://user:pass@example.com', /password/],
  ])('runbook link %s', (url, problem) => {
    const found = webUrlProblem(url);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
