import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../dev/host/manifest';
import { ROOT } from '../support/host';

/**
 * `forge deploy` bundles the functions with Atlassian's own bundler (webpack, ts-loader reading the
 * app's tsconfig.json), not with the esbuild build the local host runs, so a local run cannot tell
 * whether deploy would build. dev/tools/forge-bundle.cjs does the CLI's bundling step; this test
 * loads what it made in Node and checks every handler manifest.yml names.
 */
interface BundleRun {
  outputDir?: string;
  handlers?: Array<{ module: string; func: string }>;
  warnings?: string[];
  error?: string;
}
let run: BundleRun;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dev', 'tools', 'forge-bundle.cjs'), ROOT], { cwd: ROOT }).catch(
    (e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout || JSON.stringify({ error: e.stderr }) }),
  );
  run = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as BundleRun;
}, 600_000);
afterAll(() => {
  if (run?.outputDir) rmSync(run.outputDir, { recursive: true, force: true });
});

describe("Forge's own bundler, as forge deploy runs it", () => {
  it('bundles the modules of every function in manifest.yml, without errors or warnings', () => {
    expect(run.error).toBeUndefined();
    expect(run.warnings).toEqual([]);
    const declared = [...loadManifest(join(ROOT, 'manifest.yml')).functions.values()].map((f) => `${f.module}.${f.exportName}`);
    expect(run.handlers?.map((h) => `${h.module}.${h.func}`).sort()).toEqual(declared.sort());
  });

  it('gives, loaded in Node, a function for every handler', () => {
    const load = createRequire(join(run.outputDir ?? '', 'bundle.cjs'));
    for (const { module, func } of run.handlers ?? []) {
      const exported = (load(`./${module}.cjs`) as Record<string, unknown>)[func];
      expect(typeof exported, `${module}.${func} in ${module}.cjs`).toBe('function');
    }
  });
});
