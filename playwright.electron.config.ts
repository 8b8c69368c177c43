import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './bin/start-electron.mjs';

/**
 * The desktop app end to end: Playwright's `_electron.launch` drives the built app
 * (out/main/index.js; run `npm run build` first). It needs the Electron binary, which the
 * electron package downloads on first use; where that is impossible (no internet) every test
 * is skipped with the reason, printed here too so it is never a silent skip.
 * Run: npx playwright test -c playwright.electron.config.ts
 */
const binary = findElectronBinary();
if (!binary.ok) {
  process.stderr.write(
    `Electron e2e suite skipped: ${binary.reason}. The same UI is tested in browser mode (npm run test:e2e; try it with npm run web).\n`,
  );
}

export default defineConfig({
  testDir: 'test/e2e-electron',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
