import { buildAll } from '../dev/build';

/**
 * Builds the back end and the Custom UI once before any test, so that the manifest test and the
 * end-to-end tests' `npm start` find a fresh build instead of building it concurrently.
 */
export default async function setup(): Promise<void> {
  // For a focused run of tests that need no build (e.g. pure rules): SKIP_BUILD=1 npx vitest run …
  if (process.env.SKIP_BUILD === '1') return;
  const report = await buildAll();
  console.log(`[global-setup] build ${report.skipped ? 'up to date' : `done in ${report.seconds.toFixed(1)} s`}; Custom UI JS ${(report.uiJsGzipBytes / 1024).toFixed(1)} KiB gzipped`);
}
