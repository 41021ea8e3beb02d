// Playwright runs Lotsen's end-to-end tests in Debian's headless Chromium against a
// real server that `cargo xtask test` builds from the tree, starts on a free port
// with a fresh database, and passes in as LOTSEN_BASE_URL.
import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.LOTSEN_BASE_URL;
if (!baseURL) {
  throw new Error('LOTSEN_BASE_URL is not set: run the end-to-end tests through `cargo xtask test`.');
}

export default defineConfig({
  testDir: './specs',
  outputDir: process.env.LOTSEN_E2E_OUTPUT ?? '../../target/e2e/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: process.env.LOTSEN_E2E_REPORT ?? '../../target/e2e/report.json' }]],
  use: {
    baseURL,
    // A phone: the app is mobile first (390×844 is an iPhone 12–15 class screen).
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Never a downloaded browser: Debian's chromium, started as the machine requires.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'phone-chromium' }],
});
