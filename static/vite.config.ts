import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * Lazily loaded Atlaskit code this app never runs, resolved to small local modules that say why
 * (static/src/platform/): the theme loader's per-theme chunks, custom brand themes, and
 * DynamicTable's rankable body.
 */
function leaveOutUnusedAtlaskitChunks(): Plugin {
  const platform = join(import.meta.dirname, 'src', 'platform');
  return {
    name: 'leave-out-unused-atlaskit-chunks',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      const themeMap = source === '@atlaskit/tokens/artifacts/theme-import-map' || (/[\\/]@atlaskit[\\/]tokens[\\/]dist[\\/]/.test(importer) && /artifacts\/theme-import-map(\.js)?$/.test(source));
      if (themeMap) return join(platform, 'no-theme-loading.ts');
      if (/[\\/]@atlaskit[\\/]tokens[\\/]dist[\\/]/.test(importer) && /^\.\/(custom-theme|get-custom-theme-styles)(\.js)?$/.test(source)) return join(platform, 'no-custom-theme.ts');
      if (/[\\/]@atlaskit[\\/]dynamic-table[\\/]dist[\\/]/.test(importer) && /^\.\/rankable\/body(\.js)?$/.test(source)) return join(platform, 'no-rankable-body.ts');
      return null;
    },
  };
}

// One Custom UI resource for both modules (manifest.yml: resources[main] = static/build).
// Relative asset paths: Forge serves the resource from its own origin and path.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [leaveOutUnusedAtlaskitChunks(), react()],
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
