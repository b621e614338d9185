import { defineConfig } from 'vitest/config';

// Three layers, each its own project (`npm run test:unit`, `test:integration`, `test:e2e`):
// - unit: pure code (rules, parsers, the simulated site's pieces); no host, no build.
// - integration: the real back end on the local Forge host with the simulated site, the contract
//   tests against the official spec, and the checks of what `forge deploy` builds (manifest, bundle).
// - e2e: `npm start` driven by Debian's Chromium.
// Integration and e2e share one build of the back end and the Custom UI, made once by the global
// setup (dev/build.ts skips it when no input changed).
const sharedBuild = ['test/global-setup.ts'];

export default defineConfig({
  test: {
    // Integration and e2e files mostly wait (Jira calls paced at 80 a second, retries, the browser):
    // two files at a time keep a 2-core machine busy. Vitest's default here would be one.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/contract/**/*.test.ts'],
          environment: 'node',
          globalSetup: sharedBuild,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: sharedBuild,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
