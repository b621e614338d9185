import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What the Forge platform knows about one function invocation. The host runs each resolver call,
 * event and trigger inside one, so that concurrent invocations never see each other's caller.
 */
export interface Invocation {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  /** The calling user; absent for scheduled triggers, events and anonymous callers. */
  accountId?: string;
  deadline: number;
  /** The host that started the invocation; a stopped host's invocations get no more answers. */
  owner?: object;
}

/** One Forge proxy request: the first argument of `__forge_fetch__`. */
export interface ForgeFetchTarget {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

export type ForgeFetch = (target: ForgeFetchTarget, path: string, init?: RequestInit) => Promise<Response>;

export interface AppIdentity {
  appId: string;
  environmentId: string;
  installationId: string;
  cloudId: string;
  scopes: string[];
}

const current = new AsyncLocalStorage<Invocation>();

export function currentInvocation(): Invocation | undefined {
  return current.getStore();
}

export function runInvocation<T>(inv: Omit<Invocation, 'invocationId' | 'deadline'> & { timeoutMs: number }, fn: () => Promise<T>): Promise<T> {
  const { timeoutMs, ...rest } = inv;
  return current.run({ ...rest, invocationId: randomUUID(), deadline: Date.now() + timeoutMs }, fn);
}

const noopTimer = { measure: () => ({ stop: () => undefined }) };
const noopMetrics = {
  counter: () => ({ incr: () => undefined, decr: () => undefined }),
  timing: () => noopTimer,
  gauge: () => ({ set: () => undefined }),
  histogram: () => ({ record: () => undefined }),
};

/** The installations of this process: each host registers its app identity and proxy under its owner object. */
const installations = new Map<object, { app: AppIdentity; fetch: ForgeFetch }>();
let latest: { app: AppIdentity; fetch: ForgeFetch } | null = null;

/**
 * The installation the current invocation belongs to: the one whose host started it. Code outside any
 * invocation (tests reading storage directly) talks to the host installed last, as before.
 */
function installationNow(): { app: AppIdentity; fetch: ForgeFetch } {
  const owner = current.getStore()?.owner;
  const found = (owner && installations.get(owner)) || latest;
  if (!found) throw new Error('No local Forge host is running in this process.');
  return found;
}

/** Forgets a stopped host's installation (its invocations then reach no storage, Jira or queue of anyone). */
export function uninstallForgeRuntime(owner: object): void {
  const gone = installations.get(owner);
  installations.delete(owner);
  if (gone && latest === gone) latest = [...installations.values()].pop() ?? latest;
}

/**
 * Installs the globals the real @forge/api, @forge/kvs and @forge/events read: `__forge_runtime__`
 * (app and invocation context) and `__forge_fetch__` (every product, storage and queue request).
 * Fields that depend on the invocation are getters over the current AsyncLocalStorage store, and so
 * is the installation: several hosts in one process are several installations of the app (tenants),
 * each invocation seeing only its own storage, site and identity, as on Forge.
 */
export function installForgeRuntime(app: AppIdentity, fetch: ForgeFetch, owner: object = {}): void {
  const entry = { app, fetch };
  installations.set(owner, entry);
  latest = entry;
  const g = globalThis as Record<string, unknown>;
  const runtime = {
    proxy: { token: 'local-host', url: 'http://local-host' },
    get contextAri() {
      return `ari:cloud:jira::site/${installationNow().app.cloudId}`;
    },
    container: { runtime: 'nodejs22.x', handler: 'local-host' },
    get appContext() {
      const inv = current.getStore();
      const here = installationNow().app;
      return {
        appId: here.appId,
        appVersion: '1.0.0',
        environmentId: here.environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: inv?.invocationId ?? 'outside-invocation',
        installationId: here.installationId,
        functionKey: inv?.functionKey ?? '',
        moduleType: inv?.moduleType ?? '',
        moduleKey: inv?.moduleKey ?? '',
        installation: { ari: { toString: () => `ari:cloud:ecosystem::installation/${here.installationId}` }, contexts: [] },
        permissions: { scopes: here.scopes, external: {} },
      };
    },
    get aaid() {
      return current.getStore()?.accountId;
    },
    lambdaContext: {
      awsRequestId: 'local-host',
      getRemainingTimeInMillis: () => Math.max(0, (current.getStore()?.deadline ?? Date.now()) - Date.now()),
    },
    tracing: { traceId: 'local', spanId: 'local' },
    realtime: {},
    metrics: noopMetrics,
    featureFlags: () => false,
  };
  g.__forge_runtime__ = runtime;
  const dispatch: ForgeFetch = (target, path, init) => installationNow().fetch(target, path, init);
  g.__forge_fetch__ = dispatch;
}
