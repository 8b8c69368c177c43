import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite builds the three Electron targets from our own folder layout (not its src/ default):
//   main     main/electron/index.ts (+ the runtime's utility-process entry)
//   preload  main/preload/index.ts, as CommonJS because sandboxed preloads cannot be ESM
//   renderer renderer/index.html
// The browser-mode host serves the same renderer bundle (out/renderer).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/electron/index.ts'),
          // The runtime's utility process (utilityProcess.fork(out/main/runtimeProcess.js)).
          runtimeProcess: resolve(__dirname, 'main/electron/runtimeProcess.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron' (and a few Node polyfills): bundle
      // everything else into the one file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // The browser downloads this bundle on every start of `eventflow web`: keep it small.
      minify: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
