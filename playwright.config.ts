import { defineConfig } from '@playwright/test';

// UI tests run the real renderer against the real core: in serve mode with
// Debian's Chromium (never a downloaded browser), and in Electron where its
// runtime exists. The S3 servers come from the same harness as Vitest's.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './e2e/playwright-global-setup.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 860 },
  },
  projects: [
    {
      name: 'serve',
      testMatch: 'ui/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
