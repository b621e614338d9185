import { build as esbuild } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as viteBuild } from 'vite';

export const ROOT = join(import.meta.dirname, '..');
export const BACKEND_FILE = join(ROOT, '.local', 'build', 'backend', 'index.mjs');
export const UI_DIR = join(ROOT, 'static', 'build');
const STAMP_FILE = join(ROOT, '.local', 'build', 'stamp');
const INPUTS = ['src', 'static/src', 'static/index.html', 'static/vite.config.ts', 'package-lock.json', 'manifest.yml'];

export interface BuildReport {
  skipped: boolean;
  seconds: number;
  /** Gzipped size of the JavaScript the Custom UI ships, in bytes. */
  uiJsGzipBytes: number;
}

/**
 * Builds the back end (esbuild, one ESM file; the @forge packages stay external so they run
 * unmodified from node_modules) and the Custom UI (Vite, into static/build, the manifest's resource).
 * Skips both when no input changed since the last build.
 */
export async function buildAll(options: { force?: boolean } = {}): Promise<BuildReport> {
  const started = Date.now();
  const stamp = inputsHash();
  const fresh = !options.force && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === stamp && existsSync(BACKEND_FILE) && existsSync(join(UI_DIR, 'index.html'));
  if (!fresh) {
    await esbuild({
      entryPoints: [join(ROOT, 'src', 'index.ts')],
      outfile: BACKEND_FILE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    // Always the production build (React's included), also when the test runner (NODE_ENV=test) builds: tests see what Forge ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await viteBuild({ configFile: join(ROOT, 'static', 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    mkdirSync(join(ROOT, '.local', 'build'), { recursive: true });
    writeFileSync(STAMP_FILE, stamp);
  }
  return { skipped: fresh, seconds: (Date.now() - started) / 1000, uiJsGzipBytes: shippedJsGzipBytes() };
}

export function shippedJsGzipBytes(): number {
  const assets = join(UI_DIR, 'assets');
  if (!existsSync(assets)) return 0;
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);
}

/** A hash of the files under `inputs` (paths from the repository's root): their names and contents. */
export function inputsHash(inputs: readonly string[] = INPUTS): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(relative(ROOT, path));
    hash.update(readFileSync(path));
  };
  for (const input of inputs) visit(join(ROOT, input));
  return hash.digest('hex');
}

// `npm run build`: always build, and report the shipped size.
if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await buildAll({ force: true });
  console.log(`Built back end and Custom UI in ${report.seconds.toFixed(1)} s; Custom UI JavaScript: ${(report.uiJsGzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
