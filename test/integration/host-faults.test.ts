/** Fault control on a running host: POST|GET|DELETE /dev/sim/faults (issue 11, item 9), through the real server. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { persona } from '../support/host';
import { send, sendJson, startServedHost } from '../support/http';

let served: Awaited<ReturnType<typeof startServedHost>>;
beforeAll(async () => {
  served = await startServedHost();
});
afterAll(() => served.close());
afterEach(async () => {
  await sendJson(served.port, 'DELETE', '/dev/sim/faults');
});

const myself = () => send(served.port, 'GET', '/sim/jira/rest/api/3/myself', {});

describe('/dev/sim/faults', () => {
  it('adds a counted fault that answers its status on matching paths only, then leaves the list', async () => {
    const added = await sendJson(served.port, 'POST', '/dev/sim/faults', { path: '^/rest/api/3/myself$', status: 503, count: 2 });
    expect(added).toEqual({ status: 201, json: { id: expect.any(Number), path: '^/rest/api/3/myself$', status: 503, count: 2, hits: 0 } });
    expect((await send(served.port, 'GET', '/sim/jira/rest/api/3/project/search?maxResults=1', {})).status).toBe(200);
    const first = await myself();
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('2');
    expect(JSON.parse(first.body)).toMatchObject({ errorMessages: [expect.stringMatching(/503/)] });
    expect((await sendJson(served.port, 'GET', '/dev/sim/faults')).json).toEqual([expect.objectContaining({ count: 1, hits: 1 })]);
    expect((await myself()).status).toBe(503);
    expect((await myself()).status).toBe(200);
    expect((await sendJson(served.port, 'GET', '/dev/sim/faults')).json).toEqual([]);
  });

  it('keeps a fault with count null until DELETE; a 429 comes with Retry-After and RateLimit-Reason', async () => {
    await sendJson(served.port, 'POST', '/dev/sim/faults', { path: 'myself', status: 429, count: null });
    for (let i = 0; i < 5; i++) {
      const r = await myself();
      expect(r.status).toBe(429);
      expect(r.headers['retry-after']).toBe('1');
      expect(r.headers['ratelimit-reason']).toBe('jira-burst-based');
    }
    expect((await sendJson(served.port, 'GET', '/dev/sim/faults')).json).toEqual([expect.objectContaining({ count: null, hits: 5 })]);
    expect(await sendJson(served.port, 'DELETE', '/dev/sim/faults')).toEqual({ status: 200, json: [] });
    expect((await myself()).status).toBe(200);
  });

  it('adds latency (status 200 answers normally, later)', async () => {
    await sendJson(served.port, 'POST', '/dev/sim/faults', { path: '^/rest/api/3/myself$', status: 200, count: 1, latencyMs: 300 });
    const started = performance.now();
    expect((await myself()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('reaches the app: a lasting 500 on the permission check makes me/get fail closed', async () => {
    await sendJson(served.port, 'POST', '/dev/sim/faults', { path: '^/rest/api/3/(mypermissions|permissions/check)$', status: 500, count: null });
    const answer = await sendJson(served.port, 'POST', '/dev/invoke', { as: persona(served.host, 'project-admin').accountId, moduleKey: 'admin-page', functionKey: 'me/get', payload: {} });
    expect(answer.json).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it.each([
    ['a bad regular expression', { path: '([a-z', status: 500, count: 1 }, /path is not a valid regular expression/],
    ['no path', { status: 500, count: 1 }, /path must be a regular expression/],
    ['a status that is not an error', { path: 'x', status: 302, count: 1 }, /status must be an HTTP status from 400 to 599/],
    ['a missing count', { path: 'x', status: 500 }, /count is required/],
    ['a zero count', { path: 'x', status: 500, count: 0 }, /count must be a whole number/],
    ['a negative latency', { path: 'x', status: 500, count: 1, latencyMs: -5 }, /latencyMs must be/],
    ['an unknown field', { path: 'x', status: 500, count: 1, reason: 'y' }, /Unknown field "reason"/],
    ['an array', [{ path: 'x', status: 500, count: 1 }], /Expected \{ "path"/],
  ])('refuses %s with 400 and a clear message, adding nothing', async (_what, body, message) => {
    const answer = await sendJson(served.port, 'POST', '/dev/sim/faults', body);
    expect(answer).toEqual({ status: 400, json: { error: expect.stringMatching(message) } });
    expect((await sendJson(served.port, 'GET', '/dev/sim/faults')).json).toEqual([]);
  });

  it('is guarded like every /dev path: a text/plain body or another origin is refused', async () => {
    const body = JSON.stringify({ path: 'x', status: 500, count: null });
    expect((await send(served.port, 'POST', '/dev/sim/faults', { 'content-type': 'text/plain' }, body)).status).toBe(415);
    expect((await send(served.port, 'POST', '/dev/sim/faults', { 'content-type': 'application/json', origin: 'http://evil.example' }, body)).status).toBe(403);
    expect((await send(served.port, 'DELETE', '/dev/sim/faults', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await sendJson(served.port, 'GET', '/dev/sim/faults')).json).toEqual([]);
  });
});
