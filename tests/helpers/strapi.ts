import { createStrapi, type Core } from '@strapi/strapi';
import fs from 'fs';
import path from 'path';
import { APP_DIR as appDir, TEST_DIST_DIR as distDir } from './paths';
import { createDatabase, databaseEnv as postgresEnv, dropDatabase } from './postgres';

/**
 * Boots a real Strapi (no admin build) on a throwaway database: a fresh SQLite file, or, with
 * TEST_DATABASE=postgres, a PostgreSQL database created for the suite and dropped after it.
 */

export const databaseKind = (process.env.TEST_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres';

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
    await createDatabase(database);
    Object.assign(process.env, postgresEnv(database));
    cleanup = () => dropDatabase(database);
  } else {
    const filename = path.join(appDir, '.tmp', `test-${suffix}.db`);
    fs.mkdirSync(path.dirname(filename), { recursive: true });
    Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename });
    cleanup = async () => {
      for (const f of [filename, `${filename}-wal`, `${filename}-shm`]) fs.rmSync(f, { force: true });
    };
  }

  const databaseEnv = Object.fromEntries(Object.entries(process.env).filter(([key, value]) => key.startsWith('DATABASE_') && value !== undefined)) as Record<string, string>;
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
