import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { defineConfig } from 'vite';

// One Custom UI resource for both modules (manifest.yml: resources[main] = static/build).
// Relative asset paths: Forge serves the resource from its own origin and path.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  // Some Atlaskit packages carry their own react-dom 18 (peer ranges): one React (19) for the whole page.
  resolve: {
    dedupe: ['react', 'react-dom', 'scheduler'],
    // Atlaskit's rollout flags: no client is initialised in a Forge iframe, so every gate is off
    // (src/platform/feature-gates-off.ts says why); this keeps the Statsig client out of the bundle.
    alias: [{ find: /^@atlaskit\/feature-gate-js-client\/feature-gates$/, replacement: join(import.meta.dirname, 'src', 'platform', 'feature-gates-off.ts') }],
  },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  logLevel: 'warn',
});
