import { defineConfig, type LaunchOptions } from '@playwright/test';

/**
 * End-to-end tests drive the Debian Chromium at /usr/bin/chromium (this machine can download no
 * browser). Each project owns a slice of tests/e2e: `browser` runs the renderer against `ferry web`;
 * an `electron` project for tests/e2e/electron*.spec.ts slots in beside it.
 */
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    actionTimeout: 10_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'browser',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: ['**/electron*.spec.ts', '**/electron/**'],
    },
    {
      // The Electron shell through Playwright's _electron; skips with one line where the binary is absent.
      name: 'electron',
      testMatch: /electron.*\.spec\.ts$/,
    },
  ],
});
