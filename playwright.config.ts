import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: Debian's Chromium drives the designer in browser mode. The global setup
 * starts `eventflow web` (the real host) on a copy of the examples and stops it afterwards;
 * tests read its URL from E2E_URL. One worker: the tests share that host and this machine.
 * Run `npm run build` first (`npm test` does).
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './test/e2e/globalSetup.ts',
  use: {
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
