/**
 * The Strapi process of the HTTP benches (bench/http.bench.ts, bench/prices.bench.ts): the app compiled
 * into `distDir`, a throwaway SQLite file with the demo season, listening on 127.0.0.1:`port`.
 * `removeDb` deletes the file (and its WAL) when the bench stops.
 */
import fs from 'fs';
import path from 'path';

export const APP_DIR = path.resolve(__dirname, '..');

export async function loadBenchStrapi(options: { distDir: string; port: number; tag: string }) {
  const { createStrapi } = require('@strapi/strapi');
  const filename = path.join(APP_DIR, '.tmp', `bench-${options.tag}${process.pid}.db`);
  const removeDb = () => {
    for (const f of [filename, `${filename}-wal`, `${filename}-shm`]) fs.rmSync(f, { force: true });
  };
  removeDb();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: filename,
    TICKETING_SEED_DEMO: 'true',
    STRAPI_TELEMETRY_DISABLED: 'true',
    HOST: '127.0.0.1',
    PORT: String(options.port),
  });
  const strapi = createStrapi({ appDir: APP_DIR, distDir: options.distDir });
  strapi.log.level = 'error';
  await strapi.load();
  return { strapi, removeDb };
}
