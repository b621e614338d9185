import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../dev/host/host';
import { RESOLVER_KEYS, type ProjectIntegrations, type ProjectNote } from '../../src/contract';
import { clearAccessCache } from '../../src/access/policy';
import { invokeAs, persona, startTestHost, type Call } from '../support/host';
import { scanToCompletion } from '../support/scan';
import { POLICY } from './access-policy-table';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

/** Adversarial inputs (issue 6, security-reliability §3.4 11–15): each gets a clear error, or is stored and given back as the same text. */
process.env.SCAN_RETRY_BASE_MS = '20';

let host: Host;
let siteAdmin: string;
let andAdmin: string;
let target: string;

const deep = (levels: number): unknown => (levels === 0 ? 'bottom' : { next: deep(levels - 1) });

/** A call each resolver's own policy allows, as the site admin. */
function allowedCall(key: string, payload: unknown): Call {
  const project = POLICY[key] === 'project-reader';
  const mine = POLICY[key] === 'owner-or-backup';
  return { as: siteAdmin, moduleKey: project ? 'project-page' : mine ? 'my-integrations' : 'admin-page', ...(project ? { projectKey: 'AND' } : {}), functionKey: key, payload };
}

const saveNote = (note: unknown, accountId: unknown = target) =>
  invokeAs<{ note: ProjectNote | null }>(host, { as: andAdmin, moduleKey: 'project-page', projectKey: 'AND', functionKey: 'project/note-save', payload: { accountId, note } });

async function currentNote(): Promise<string | null> {
  const answer = await invokeAs<ProjectIntegrations>(host, { as: andAdmin, moduleKey: 'project-page', projectKey: 'AND', functionKey: 'project/integrations' });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data.integrations.find((i) => i.accountId === target)?.note?.note ?? null;
}

beforeAll(async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  host = startTestHost();
  await scanToCompletion(host);
  clearAccessCache();
  siteAdmin = persona(host, 'site-admin').accountId;
  andAdmin = persona(host, 'project-admin', 0).accountId;
  const answer = await invokeAs<ProjectIntegrations>(host, { as: andAdmin, moduleKey: 'project-page', projectKey: 'AND', functionKey: 'project/integrations' });
  if (!answer.ok || !answer.data.integrations[0]) throw new Error('AND should have integrations');
  target = answer.data.integrations[0].accountId;
}, 120_000);
afterAll(() => {
  host?.close();
  vi.restoreAllMocks();
});

describe('every resolver refuses malformed payloads with INVALID_INPUT', () => {
  const shapes: Array<[string, () => unknown]> = [
    ['a string', () => 'hello'],
    ['a number', () => 42],
    ['an array', () => [1, 2]],
    ['an unknown field nested 40 levels deep', () => ({ extra: deep(40) })],
    ['a __proto__ key', () => JSON.parse('{"__proto__": {"polluted": true}, "isAdmin": true}')],
    ['a constructor key', () => ({ constructor: { prototype: { polluted: true } } })],
  ];
  it.each(RESOLVER_KEYS)('%s', async (key) => {
    for (const [name, make] of shapes) {
      const answer = await invokeAs(host, allowedCall(key, make()));
      expect(answer, `${key} with ${name}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/\S+: \S/) } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('project/note-save: hostile and odd text', () => {
  const stored = [
    ['HTML and script', '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>'],
    ['a javascript: URL (kept as text, never made a link)', 'javascript:alert(document.domain)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['emoji, CJK, Arabic and combining marks', '🚀 発行レポート مرحبا e\u0301 Z\u0351\u0352'],
    ['line breaks and tabs', 'line one\n\tline two'],
    ['exactly 1000 characters', 'x'.repeat(1000)],
  ] as const;
  it.each(stored)('stores %s and gives the same text back', async (_name, text) => {
    expect(await saveNote(text)).toMatchObject({ ok: true, data: { note: { note: text, projectKey: 'AND' } } });
    expect(await currentNote()).toBe(text);
  });

  const refused: Array<[string, unknown, unknown, RegExp]> = [
    ['a number', 5, undefined, /^note: /],
    ['an array', ['a'], undefined, /^note: /],
    ['null', null, undefined, /^note: /],
    ['an object nested 40 levels', deep(40), undefined, /^note: /],
    ['1,001 characters', 'x'.repeat(1001), undefined, /^note: must be at most 1000/],
    ['a 1 MB string', 'x'.repeat(1_000_000), undefined, /^note: must be at most 1000/],
    ['a right-to-left override', 'abc\u202Edef', undefined, /^note: .*invisible/],
    ['a zero-width space', 'a\u200Bb', undefined, /^note: .*invisible/],
    ['a NUL character', 'a\u0000b', undefined, /^note: .*control/],
    ['a lone surrogate', 'a\uD800b', undefined, /^note: must be valid Unicode/],
    ['an Atlassian API token', 'ATATT3xFfGF0abcdefghijklmnopqrstuvwxyz0123456789', undefined, /^note: refused because .*API token/],
    ['a key-injection account id', 'ok', 'A#note#v1', /^accountId: /],
    ['a dot-dot account id', 'ok', '..', /^accountId: /],
    ['a 600-character account id', 'ok', 'a'.repeat(600), /^accountId: /],
    ['a whitespace account id', 'ok', '   ', /^accountId: /],
  ];
  it.each(refused)('refuses %s with INVALID_INPUT naming the field, and writes nothing', async (_name, note, accountId, message) => {
    const before = await currentNote();
    const answer = await saveNote(note, accountId ?? target);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    expect(await currentNote()).toBe(before);
  });

  it('treats a whitespace-only note as deleting it', async () => {
    await saveNote('keep me');
    expect(await saveNote('   ')).toEqual({ ok: true, data: { note: null } });
    expect(await currentNote()).toBeNull();
  });
});

describe('admin text fields: script links refused, HTML kept as text', () => {
  const ownership = (patch: Record<string, unknown>) => ({ accountId: target, baseVersion: 0, ownership: { ownerAccountId: null, backupAccountId: null, team: '', purpose: '', runbookUrl: '', notes: '', ...patch } });
  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://user:pass@example.com/'])('refuses the runbook link %s', async (url) => {
    expect(await invokeAs(host, allowedCall('ownership/save', ownership({ runbookUrl: url })))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^ownership\.runbookUrl: /) } });
  });
  it('refuses a huge team name and one with a line break', async () => {
    for (const team of ['t'.repeat(101), 'a\r\nb']) {
      expect(await invokeAs(host, allowedCall('ownership/save', ownership({ team })))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^ownership\.team: /) } });
    }
  });
});
