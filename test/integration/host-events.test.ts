import { kvs } from '@forge/kvs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devInvoke } from '../../dev/host/dev-invoke';
import { createHost, type Host } from '../../dev/host/host';
import { runInvocation } from '../../dev/host/runtime';
import * as fixture from '../fixtures/events-app/src/index';
import { ROOT } from '../support/host';
import { installVirtualTimers } from '../../dev/tools/virtual-clock';

// Waits (pacing, backoff, Retry-After) pass on the virtual clock, not in real time.
installVirtualTimers();

const manifestFile = join(ROOT, 'test', 'fixtures', 'events-app', 'manifest.yml');
let dataDir: string;
let host: Host;

const start = () => createHost({ manifestFile, backend: { index: fixture }, dataDir, site: 'demo' });
const call = (functionKey: string, payload: unknown) =>
  devInvoke(host, { as: host.personas()[0]?.accountId, moduleKey: 'admin-page', functionKey, payload }) as Promise<Record<string, unknown>>;
/** Reads storage as the app would (inside an invocation, as Forge requires). */
const read = (key: string) => runInvocation({ functionKey: 'test', moduleKey: 'test', moduleType: 'test', timeoutMs: 5_000 }, () => kvs.get(key));

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'host-events-'));
  host = start();
});
afterAll(() => {
  host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('async events and scheduled triggers declared in the manifest', () => {
  it('delivers pushed events to the consumer with the real @forge/events and reports job stats', async () => {
    const { jobId } = (await call('jobs/start', { items: [1, 2, 3] })) as { jobId: string };
    await host.queue.idle();
    expect(await read('done:1')).toEqual({ attempts: 1 });
    expect(await read('done:3')).toEqual({ attempts: 1 });
    expect(await call('jobs/stats', { jobId })).toEqual({ success: 3, inProgress: 0, failed: 0 });
  });

  it("calls the consumer's function with the event itself and the invocation context, as Forge does with @forge/events 2+", async () => {
    const { jobId } = (await call('jobs/start', { items: [5], mode: 'delayed' })) as { jobId: string };
    await new Promise((r) => setTimeout(r, 1_200));
    await host.queue.idle();
    const received = (await read('received:5')) as { event: Record<string, unknown>; context: Record<string, unknown> };
    // @forge/events' AsyncEvent: the pushed event's fields plus queueName, jobId and eventId; no resolver call wrapped around it.
    expect(Object.keys(received.event).sort()).toEqual(['body', 'delayInSeconds', 'eventId', 'jobId', 'queueName']);
    expect(received.event).toMatchObject({ body: { n: 5, mode: 'delayed' }, delayInSeconds: 1, queueName: 'work-queue', jobId });
    expect(received.event.eventId).toEqual(expect.any(String));
    expect(received.context).toEqual({ installContext: expect.stringMatching(/^ari:cloud:jira::site\//) });
  });

  it('retries a consumer that throws, with a retry context on the event', async () => {
    await call('jobs/start', { items: [10], mode: 'fail-once' });
    await new Promise((r) => setTimeout(r, 1_500));
    await host.queue.idle();
    expect(await read('done:10')).toEqual({ attempts: 2 });
    const { event } = (await read('received:10')) as { event: Record<string, unknown> };
    expect(event.retryContext).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', retryData: 'first attempt fails on purpose' });
    expect(event.body).toEqual({ n: 10, mode: 'fail-once' });
  });

  it("retries a consumer that runs past its function's timeoutSeconds", async () => {
    await call('jobs/start', { items: [20], mode: 'hang' });
    await new Promise((r) => setTimeout(r, 4_000));
    await host.queue.idle();
    expect(await read('done:20')).toEqual({ attempts: 2 });
  }, 20_000);

  it('runs a scheduled trigger as the app', async () => {
    await host.functions.runTrigger('tick-trigger');
    expect(await read('ticked')).toEqual({ moduleKey: 'tick-trigger' });
  });

  it('keeps events across a restart and runs again, with a retry context, one that was cut off mid-run', async () => {
    await call('jobs/start', { items: [30], mode: 'hang' });
    await new Promise((r) => setTimeout(r, 200));
    host.close(); // the consumer is still running: the host "dies" under it
    host = start();
    await new Promise((r) => setTimeout(r, 300));
    await host.queue.idle();
    expect(await read('done:30')).toEqual({ attempts: 2 });
  });
});
