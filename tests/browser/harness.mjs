// What every spec file shares: one Strapi (startServer, demo season, first administrator) and one
// page of the configured chromium for the whole file, its tests run in order (each needs the state
// the previous ones left), everything stopped at the end. When a test fails, Playwright saves a
// screenshot of that page (`screenshot: 'only-on-failure'` in playwright.config.mjs) under
// test-results/playwright/<database>/.
//
//   test.describe.configure({ mode: 'serial' });
//   let suite;
//   test.beforeAll(async ({ browser }) => { suite = await openSuite(browser); … });
//   test.afterAll(async () => suite?.close());
import path from 'node:path';
import fs from 'node:fs';
import { test } from '@playwright/test';
import { registerAdmin, SCREENSHOTS, startServer } from './server.mjs';

/** Strapi's boot plus the admin's registration on a loaded 2-core machine. */
const BOOT_TIMEOUT_MS = Number(process.env.BROWSER_BOOT_TIMEOUT_MS ?? 180_000) + 60_000;

/**
 * Starts Strapi, registers the administrator and opens a page (1600 × 1000, French, Paris) in
 * `browser` (the worker's chromium). `shot(name)` saves a screenshot under test-results/screenshots.
 * Call it from `test.beforeAll`; `close()` (from `test.afterAll`) closes the page and stops Strapi.
 */
export async function openSuite(browser) {
  test.setTimeout(BOOT_TIMEOUT_MS);
  const server = await startServer();
  let context;
  const close = async () => {
    await context?.close().catch(() => {});
    await server.stop();
  };
  try {
    const token = await registerAdmin(server.base);
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = (name) => page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: false });
    return { server, base: server.base, token, context, page, shot, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Page errors and 5xx answers seen on `page`, pushed into `problems` (a suite's last test asserts it stays empty). */
export function recordPageProblems(page, problems) {
  page.on('pageerror', (error) => problems.push(`page error: ${String(error).slice(0, 300)}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
}
