import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createHost } from '../../dev/host/host';
import { loadManifest, ManifestError } from '../../dev/host/manifest';
import * as backend from '../../src/index';
import { ROOT } from '../support/host';

/** The app's own manifest with one change, written to a temporary file. */
const dir = mkdtempSync(join(tmpdir(), 'host-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
type Manifest = Record<string, Record<string, unknown>> & { modules: Record<string, Array<Record<string, unknown>>> };
function variant(name: string, change: (m: Manifest) => void): string {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;
  change(manifest);
  const file = join(dir, `${name}.yml`);
  writeFileSync(file, stringify(manifest));
  return file;
}
function refusal(file: string): string {
  try {
    loadManifest(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    return (e as Error).message;
  }
  throw new Error(`${file} was accepted`);
}
const consumer = (m: Manifest) => (m.modules.consumer as Array<Record<string, unknown>>)[0] as Record<string, unknown>;

describe('the local host refuses manifest forms that Forge no longer runs', () => {
  it("accepts the app's manifest: each consumer names a function", () => {
    expect(loadManifest(join(ROOT, 'manifest.yml')).consumers).toEqual([
      { key: 'scan-consumer', queue: 'scan-queue', functionKey: 'scan-worker' },
      { key: 'activity-consumer', queue: 'activity-queue', functionKey: 'activity-worker' },
    ]);
  });

  it.each<[string, (m: Manifest) => void, RegExp]>([
    [
      'a consumer in the @forge/events 1.x resolver form',
      (m) => {
        delete consumer(m).function;
        consumer(m).resolver = { function: 'scan-worker', method: 'scan-step' };
      },
      /consumer scan-consumer uses resolver: \{ function, method \}, the @forge\/events 1\.x form.*write function: scan-worker/,
    ],
    ['a consumer without a function', (m) => delete consumer(m).function, /consumer scan-consumer names no function/],
    ['a consumer with crossVersion', (m) => (consumer(m).crossVersion = true), /crossVersion, a temporary property Forge removed/],
    ['a scheduled trigger without a function', (m) => delete (m.modules.scheduledTrigger?.[0] as Record<string, unknown>).function, /scheduledTrigger daily-trigger names no function/],
    ['a product trigger without a function', (m) => (m.modules.trigger = [{ key: 'on-issue', events: ['avi:jira:created:issue'] }]), /trigger on-issue names no function/],
    ['a module naming an undeclared function', (m) => (consumer(m).function = 'nowhere'), /consumer scan-consumer names function nowhere, which manifest.yml does not declare/],
    ['the Node.js 20 runtime', (m) => ((m.app as { runtime: { name: string } }).runtime.name = 'nodejs20.x'), /app.runtime.name is "nodejs20.x": Forge runs apps on nodejs22.x or nodejs24.x/],
    ['no runtime (the sandbox)', (m) => delete (m.app as Record<string, unknown>).runtime, /app.runtime.name is missing/],
    [
      'plain-string egress entries',
      (m) => ((m.permissions as { external: unknown }).external = { fetch: { backend: ['https://api.atlassian.com'] }, images: ['https://example.com'] }),
      /permissions.external.fetch.backend lists plain strings, a deprecated egress form[\s\S]*permissions.external.images lists plain strings/,
    ],
    ['autoUserConsent', (m) => ((m.app as Record<string, unknown>).features = { autoUserConsent: true }), /autoUserConsent is deprecated/],
  ])('refuses %s, saying why and what to write', (name, change, reason) => {
    const message = refusal(variant(name.replace(/\W+/g, '-'), change));
    expect(message).toMatch(/uses forms that Forge no longer runs/);
    expect(message).toMatch(reason);
  });

  it('lists every problem at once, and createHost refuses to start', () => {
    const file = variant('several', (m) => {
      (m.app as { runtime: { name: string } }).runtime.name = 'nodejs18.x';
      delete consumer(m).function;
      consumer(m).resolver = { function: 'scan-worker', method: 'scan-step' };
    });
    expect(refusal(file).split('\n  - ')).toHaveLength(3);
    expect(() => createHost({ manifestFile: file, backend: { index: backend }, dataDir: ':memory:', site: 'demo' })).toThrow(ManifestError);
  });
});
