/**
 * Unknown resolver keys, Object.prototype names included, answer NOT_FOUND before any handler code
 * runs (issue 11, item 7): through the real exported handler and through POST /dev/invoke.
 */
import { makeResolver } from '@forge/resolver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../dev/host/host';
import * as backend from '../../src/index';
import { handlers } from '../../src/resolvers';
import { invokeAs, persona, startTestHost } from '../support/host';

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupGetter__'];
const OTHER_UNKNOWN = ['', 'nope/nope', 'identities/list ', 'IDENTITIES/LIST', 'prototype'];
const NOT_FOUND = { ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } };

let host: Host;
beforeAll(() => {
  host = startTestHost();
});
afterAll(() => host.close());

const event = (functionKey: unknown) => ({
  call: { functionKey, payload: { probe: 'payload' } },
  context: { moduleKey: 'admin-page', extension: { type: 'jira:adminPage' }, secretish: 'context-marker' },
});
const runtime = { installContext: `ari:cloud:jira::site/${'x'.repeat(8)}` };

describe('unknown resolver keys', () => {
  it('did reach @forge/resolver and echo the context before (why the guard exists)', async () => {
    const raw = makeResolver(handlers);
    const echoed = await raw(event('constructor') as never, runtime);
    expect(JSON.stringify(echoed)).toContain('context-marker');
  });

  it.each([...PROTOTYPE_NAMES, ...OTHER_UNKNOWN])('"%s" answers NOT_FOUND from the real handler, echoing nothing', async (key) => {
    const answer = await backend.handler(event(key) as never, runtime);
    expect(answer).toEqual(NOT_FOUND);
    expect(JSON.stringify(answer)).not.toMatch(/context-marker|installContext|probe/);
  });

  it.each([[undefined], [42], [null], [{ toString: 'x' }]])('a functionKey of %j answers NOT_FOUND', async (key) => {
    expect(await backend.handler(event(key) as never, runtime)).toEqual(NOT_FOUND);
  });

  it.each(PROTOTYPE_NAMES)('"%s" through /dev/invoke answers NOT_FOUND to an anonymous caller and to the site admin', async (functionKey) => {
    for (const as of [null, persona(host, 'site-admin').accountId]) {
      const answer = await invokeAs(host, { as, moduleKey: 'admin-page', functionKey, payload: { probe: 'payload' } });
      expect(answer).toEqual(NOT_FOUND);
      expect(JSON.stringify(answer)).not.toMatch(/installContext|accountId|probe/);
    }
  });

  it('known keys still answer', async () => {
    const answer = await invokeAs(host, { as: persona(host, 'site-admin').accountId, moduleKey: 'admin-page', functionKey: 'me/get' });
    expect(answer).toMatchObject({ ok: true, data: { isJiraAdmin: true } });
  });
});
