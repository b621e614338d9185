import { join } from 'node:path';
import * as backend from '../../src/index';
import { devInvoke } from '../../dev/host/dev-invoke';
import { createHost, type Host, type Persona } from '../../dev/host/host';
import type { Envelope } from '../../src/contract';
import { runInvocation } from '../../dev/host/runtime';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A local host on the real back end (src/index.ts), in-memory storage and the demo site. */
export function startTestHost(): Host {
  return createHost({ manifestFile: join(ROOT, 'manifest.yml'), backend: { index: backend }, dataDir: ':memory:', site: 'demo' });
}

/** Runs test code inside an invocation of the app (its storage, its Jira client), as a function of the app would. */
export function runInApp<T>(fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  return runInvocation({ functionKey: 'test', moduleKey: 'test', moduleType: 'test', timeoutMs }, fn) as Promise<T>;
}

export function persona(host: Host, role: Persona['role'], index = 0): Persona {
  const found = host.personas().filter((p) => p.role === role)[index];
  if (!found) throw new Error(`The demo site has no ${role} persona #${index}`);
  return found;
}

export interface Call {
  as: string | null;
  moduleKey: 'admin-page' | 'project-page' | 'my-integrations';
  projectKey?: string;
  functionKey: string;
  payload?: unknown;
}

/** Calls a resolver exactly as POST /dev/invoke does (and so as the page's bridge does). */
export async function invokeAs<T>(host: Host, call: Call): Promise<Envelope<T>> {
  return (await devInvoke(host, { payload: {}, ...call })) as Envelope<T>;
}
