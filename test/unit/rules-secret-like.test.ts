import { describe, expect, it } from 'vitest';
import { secretLikeReason } from '../../src/rules/secret-like';
import { comparableText, multiLineProblem, singleLineProblem, webUrlProblem } from '../../src/rules/text-safety';

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
    ['a94a8fe5ccb19ba61c4c0873d391e987982fbbd3a94a8fe5', /random-looking/], // 48 hex digits: not a commit id
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
    'Fixed in a94a8fe5ccb19ba61c4c0873d391e987982fbbd3.', // a git commit id (SHA-1)
    'commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 (SHA-256 repository)',
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

  // Issue 11, item 8: what both kinds of field refuse, what they accept.
  const INVISIBLES: Array<[string, string]> = [
    ['U+061C Arabic letter mark', 'a\u061Cb'],
    ['U+2060 word joiner', 'a\u2060b'],
    ['U+2061 function application', 'a\u2061b'],
    ['U+2062 invisible times', 'a\u2062b'],
    ['U+2063 invisible separator', 'a\u2063b'],
    ['U+2064 invisible plus', 'a\u2064b'],
    ['U+00AD soft hyphen', 'pay\u00ADroll'],
    ['U+180E Mongolian vowel separator', 'a\u180Eb'],
    ['U+3164 Hangul filler', '\u3164'],
    ['U+FFA0 halfwidth Hangul filler', 'a\uFFA0b'],
    ['U+034F combining grapheme joiner', 'a\u034Fb'],
    ['U+E0001 language tag', 'a\u{E0001}b'],
    ['U+E0041 tag latin capital A', 'a\u{E0041}b'],
    ['U+E007F cancel tag', 'a\u{E007F}'],
    ['tags hiding text ("ignore" as tag characters)', `ok${[...'ignore'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')}`],
    ['U+200D zero-width joiner between letters', 'a\u200Db'],
    ['U+200B zero-width space', 'a\u200Bb'],
    ['U+202E right-to-left override', 'a\u202Eb'],
    ['U+2066 left-to-right isolate', 'a\u2066b'],
    ['U+FEFF byte order mark', '\uFEFFa'],
  ];
  it.each(INVISIBLES)('refuses %s in one-line fields and notes', (_name, value) => {
    expect(singleLineProblem(value)).toMatch(/invisible/);
    expect(multiLineProblem(value)).toMatch(/invisible/);
  });

  it.each([
    ['U+2028 line separator', 'a\u2028b'],
    ['U+2029 paragraph separator', 'a\u2029b'],
    ['CRLF', 'a\r\nb'],
  ])('refuses %s in one-line fields', (_name, value) => {
    expect(singleLineProblem(value)).toMatch(/line breaks/);
  });

  it.each([
    ['a lone high surrogate', 'x\uD800y'],
    ['a lone low surrogate', 'x\uDC00y'],
    ['a high surrogate at the end', 'x\uD83D'],
  ])('refuses %s everywhere', (_name, value) => {
    expect(singleLineProblem(value)).toMatch(/lone UTF-16 surrogate/);
    expect(multiLineProblem(value)).toMatch(/lone UTF-16 surrogate/);
  });

  it.each([
    ['a ZWJ emoji sequence (technologist)', '👩‍💻 on call'],
    ['a ZWJ sequence with a skin tone (astronaut)', 'Team 👨🏽‍🚀'],
    ['a ZWJ sequence with a variation selector (rainbow flag)', '🏳️‍🌈 Pride sync'],
    ['a family emoji', '👨‍👩‍👧‍👦'],
    ['plain emoji', 'Deploy bot 🚀'],
    ['accents, composed and decomposed', 'Café Cafe\u0301'],
    ['right-to-left text', 'مرحبا بالعالم'],
    ['CJK', '統合レジストリ'],
  ])('accepts %s', (_name, value) => {
    expect(singleLineProblem(value)).toBeNull();
    expect(multiLineProblem(value)).toBeNull();
  });

  it.each([
    ['CRLF line breaks', 'line 1\r\nline 2\r\n'],
    ['LF line breaks and tabs', 'line 1\n\tline 2'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a commit id', 'Rotated in a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'],
  ])('accepts %s in notes', (_name, value) => {
    expect(multiLineProblem(value)).toBeNull();
    expect(secretLikeReason(value)).toBeNull();
  });

  it.each([
    ['Café', 'Cafe\u0301', true], // composed and decomposed é
    ['CAFÉ', 'café', true],
    ['  Deploy   key ', 'deploy key', true],
    ['STRASSE', 'straße', true], // full case folding: ß is ss
    ['ΣΊΣΥΦΟΣ', 'σίσυφος', true], // final sigma
    ['Ångström', 'A\u030Angstro\u0308m', true],
    ['Cafe', 'Café', false],
    ['deploy-key', 'deploy key', false],
  ])('labels %j and %j compare equal: %s', (a, b, same) => {
    expect(comparableText(a) === comparableText(b)).toBe(same);
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
