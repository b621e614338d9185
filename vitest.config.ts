import { defineConfig } from 'vitest/config';
import Sequencer from './test/sequencer.js';

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
    // One pool of three files at a time for all three projects (same maxWorkers, one group), on two
    // cores: the files are bound by CPU (Chromium's mostly) but each also waits (a host starting, a
    // scan paced at 80 Jira calls a second, `npm start` refusing), and a third file fills those
    // waits: 181 s instead of 213 s for `npm test` (load average about 6). Four were no faster.
    // Integration suites that wait (pacing, backoff, quota resets) run on dev/tools/virtual-clock's timers.
    maxWorkers: 3,
    sequence: { sequencer: Sequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Worker threads start faster than processes: about a quarter less CPU for these small files.
          pool: 'threads',
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
          // A worker runs its files in one module registry, so Playwright and the helpers load once
          // per worker instead of once per file (about 35 s of CPU less over the layer). Safe because
          // these files change no globals: each keeps its host and browser in its own variables.
          isolate: false,
          globalSetup: sharedBuild,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
