import { buildAll } from '../dev/build';

/**
 * Builds the back end and the Custom UI once before the integration and end-to-end tests (the unit
 * project has no global setup), so that the manifest and bundle checks and the end-to-end tests'
 * `npm start` find a fresh build instead of building it concurrently. When both projects run, the
 * second call finds the build up to date.
 */
export default async function setup(): Promise<void> {
  // For a focused run that needs no build: SKIP_BUILD=1 npx vitest run …
  if (process.env.SKIP_BUILD === '1') return;
  const report = await buildAll();
  console.log(`[global-setup] build ${report.skipped ? 'up to date' : `done in ${report.seconds.toFixed(1)} s`}; Custom UI JS ${(report.uiJsGzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
