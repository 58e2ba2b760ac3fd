import { createStrapi, type Core } from '@strapi/strapi';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';
import { APP_DIR as appDir, TEST_DIST_DIR as distDir } from './paths';

/**
 * Boots a real Strapi (no admin build) on a throwaway database: a fresh SQLite file, or, with
 * TEST_DATABASE=postgres, a PostgreSQL database created for the suite and dropped after it.
 */

export const databaseKind = (process.env.TEST_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres';

const pgConnection = () => ({
  host: process.env.TEST_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_PG_PORT ?? 5432),
  user: process.env.TEST_PG_USER ?? 'postgres',
  password: process.env.TEST_PG_PASSWORD ?? '',
});

/** The database of a test app: kept across a restart with `stop({ keepDatabase: true })`. */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  drop: () => Promise<void>;
}

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** Destroys Strapi and drops the database, unless `keepDatabase` (then restart with `startStrapi({ database })`). */
  stop: (options?: { keepDatabase?: boolean }) => Promise<void>;
}

export async function startStrapi(options: { seedDemoData?: boolean; database?: TestDatabase } = {}): Promise<TestApp> {
  const suffix = `${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  let cleanup: () => Promise<void>;

  process.env.NODE_ENV = 'test';
  process.env.TICKETING_SEED_DEMO = options.seedDemoData ? 'true' : 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';

  if (options.database) {
    // Reuse a database kept by a previous stop({ keepDatabase: true }): a restart.
    Object.assign(process.env, options.database.env);
    cleanup = options.database.drop;
  } else if (databaseKind === 'postgres') {
    const database = `ticketing_test_${suffix}`;
    const admin = new Client({ ...pgConnection(), database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    Object.assign(process.env, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: pgConnection().host,
      DATABASE_PORT: String(pgConnection().port),
      DATABASE_NAME: database,
      DATABASE_USERNAME: pgConnection().user,
      DATABASE_PASSWORD: pgConnection().password,
      DATABASE_SSL: 'false',
    });
    cleanup = async () => {
      const client = new Client({ ...pgConnection(), database: 'postgres' });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.end();
    };
  } else {
    const filename = path.join(appDir, '.tmp', `test-${suffix}.db`);
    fs.mkdirSync(path.dirname(filename), { recursive: true });
    Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename });
    cleanup = async () => {
      for (const f of [filename, `${filename}-wal`, `${filename}-shm`]) fs.rmSync(f, { force: true });
    };
  }

  const databaseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key, value]) => key.startsWith('DATABASE_') && value !== undefined)
  ) as Record<string, string>;
  const database: TestDatabase = { kind: databaseKind, env: databaseEnv, drop: cleanup };

  const strapi = createStrapi({ appDir, distDir });
  strapi.log.level = 'error';
  await strapi.load();
  await strapi.server.mount();

  return {
    strapi,
    database,
    stop: async ({ keepDatabase = false } = {}) => {
      await strapi.destroy();
      if (!keepDatabase) await cleanup();
    },
  };
}
