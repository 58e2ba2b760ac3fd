/**
 * A second, separate Strapi process for the multi-process tests: boots the compiled test app
 * (tests' global setup compiled it) on the database given by the DATABASE_* environment, listens
 * on HOST:PORT, prints "READY" and runs until killed.
 */
const { createStrapi } = require('@strapi/strapi');
const path = require('path');

const appDir = path.resolve(__dirname, '../..');
// The tests' compiled app, or STRAPI_DIST_DIR (the benches compile their own).
const distDir = process.env.STRAPI_DIST_DIR || path.join(appDir, '.tmp', 'test-dist');

(async () => {
  const strapi = createStrapi({ appDir, distDir });
  strapi.log.level = 'error';
  await strapi.start();
  process.stdout.write('READY\n');
  const stop = async () => {
    await strapi.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
