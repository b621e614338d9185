import type { EventQueue } from './queue';
import { toFetchResponse, type JiraGateway } from './jira-gateway';
import { currentInvocation, type ForgeFetch } from './runtime';

/** The KVS side of the host: answers @forge/kvs's POSTs. */
export interface KvsHandler {
  handle(path: string, body: unknown): { status: number; body?: unknown };
}

/**
 * Routes every `__forge_fetch__` call the real Forge packages make, as Forge's proxy would:
 * storage to the KVS, product calls to Jira (as the app or as the calling user), queue pushes to
 * the event queue. Anything else is refused with a proxy error, so an unsupported call is loud.
 */
export function createForgeFetch(parts: { kvs: KvsHandler; jira: JiraGateway; queue: EventQueue; owner: object; stopped: () => boolean }): ForgeFetch {
  return async (target, path, init) => {
    // An invocation of a host that has stopped is as dead as a killed Forge function: nothing it
    // sends arrives anywhere (tests stop a host mid-step to prove that scans resume).
    const invocation = currentInvocation();
    if (invocation?.owner && (invocation.owner !== parts.owner || parts.stopped())) return proxyError(503, 'HOST_STOPPED');
    const body = typeof init?.body === 'string' && init.body !== '' ? parseBody(init.body) : undefined;
    if (body instanceof SyntaxError) return proxyError(400, 'INVALID_REQUEST_BODY');

    if (target.type === 'kvs') {
      const r = parts.kvs.handle(path, body);
      return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
    }
    if (target.type === 'fpp' && target.remote === 'jira') {
      let caller: { kind: 'app' } | { kind: 'user'; accountId: string } = { kind: 'app' };
      if (target.provider === 'user') {
        const accountId = target.accountId ?? currentInvocation()?.accountId;
        // asUser() outside a user's invocation: Forge asks for consent / refuses.
        if (!accountId) return proxyError(401, 'NEEDS_AUTHENTICATION_ERR');
        caller = { kind: 'user', accountId };
      }
      const url = new URL(path, 'http://jira.local');
      const r = await parts.jira.handle({ method: init?.method ?? 'GET', path: url.pathname, query: url.searchParams, body, caller });
      return toFetchResponse(r);
    }
    if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
      const r = parts.queue.handle(path, body);
      return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status, headers: { 'content-type': 'application/json' } });
    }
    return proxyError(501, `UNSUPPORTED_BY_LOCAL_HOST ${target.type}/${target.remote ?? target.provider ?? ''} ${path}`);
  };
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return e instanceof SyntaxError ? e : new SyntaxError(String(e));
  }
}

function proxyError(status: number, reason: string): Response {
  return new Response(null, { status, headers: { 'forge-proxy-error': reason } });
}
