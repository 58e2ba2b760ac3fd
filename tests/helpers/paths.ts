import path from 'path';

export const APP_DIR = path.resolve(__dirname, '../..');
/** Where the test run compiles the application (never dist/, which `strapi develop` owns). */
export const TEST_DIST_DIR = path.join(APP_DIR, '.tmp', 'test-dist');
