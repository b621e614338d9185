import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One Custom UI resource for both modules (manifest.yml: resources[main] = static/build).
// Relative asset paths: Forge serves the resource from its own origin and path.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'build',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  logLevel: 'warn',
});
