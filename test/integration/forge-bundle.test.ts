import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputsHash } from '../../dev/build';
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

/**
 * A clean bundle is kept under .local/ with a hash of everything the bundler reads (the app's code,
 * manifest, tsconfig, the locked dependencies and the bundling script): a run with none of them
 * changed loads that bundle instead of bundling again (about 20 s of CPU). Any change bundles anew.
 */
const CACHE = join(ROOT, '.local', 'forge-bundle');
const BUNDLE_INPUTS = ['src', 'manifest.yml', 'tsconfig.json', 'package.json', 'package-lock.json', 'dev/tools/forge-bundle.cjs'];

async function bundle(): Promise<BundleRun> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dev', 'tools', 'forge-bundle.cjs'), ROOT], { cwd: ROOT }).catch(
    (e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout || JSON.stringify({ error: e.stderr }) }),
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as BundleRun;
}

beforeAll(async () => {
  const stamp = inputsHash(BUNDLE_INPUTS);
  const stampFile = join(CACHE, 'stamp');
  const runFile = join(CACHE, 'run.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(runFile)) {
    run = JSON.parse(readFileSync(runFile, 'utf8')) as BundleRun;
    return;
  }
  const fresh = await bundle();
  run = fresh;
  if (fresh.error !== undefined || fresh.warnings?.length || !fresh.outputDir) return;
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  cpSync(fresh.outputDir, join(CACHE, 'bundle'), { recursive: true });
  rmSync(fresh.outputDir, { recursive: true, force: true });
  run = { ...fresh, outputDir: join(CACHE, 'bundle') };
  writeFileSync(runFile, JSON.stringify(run));
  writeFileSync(stampFile, stamp);
}, 600_000);
afterAll(() => {
  // A bundle that was not kept (it failed or warned) is removed.
  if (run?.outputDir && !run.outputDir.startsWith(CACHE)) rmSync(run.outputDir, { recursive: true, force: true });
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
