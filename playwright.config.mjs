// The browser tests (`npm run test:browser`, or `npx playwright test` for the spec files alone):
// @playwright/test driving Debian's chromium (never a downloaded browser), one Strapi per spec file
// (tests/browser/harness.mjs), the files one after the other in one worker (2 cores: a second Strapi
// and chromium at once slow both down more than they gain). BROWSER_DATABASE (sqlite | postgres)
// and BROWSER_PORT as in tests/browser/server.mjs.
import { defineConfig } from '@playwright/test';
import { CHROMIUM, DATABASE, FLAGS } from './tests/browser/server.mjs';

export default defineConfig({
  testDir: 'tests/browser',
  testMatch: '*.spec.mjs',
  globalSetup: './tests/browser/global-setup.mjs',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  // A step may wait up to 90 s for the server (validation + snapshot rebuild on a loaded machine);
  // a file's boot (Strapi start, admin registration, login) has its own limit in the harness.
  timeout: 180_000,
  expect: { timeout: 30_000 }, // as a locator's waitFor() (the former runner's default)
  globalTimeout: 45 * 60_000,
  // Failure screenshots and traces of this database's run; the suites' own screenshots stay in
  // test-results/screenshots (not cleaned by Playwright, which empties outputDir on start).
  outputDir: `test-results/playwright/${DATABASE}`,
  reporter: [['list'], ['./tests/browser/summary-reporter.mjs']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: FLAGS },
    screenshot: 'only-on-failure',
  },
});
