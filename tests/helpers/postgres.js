// The throwaway PostgreSQL databases of the tests: shared by the jest harness (tests/helpers/strapi.ts)
// and the browser tests (tests/browser/server.mjs), hence plain CommonJS.
const { Client } = require('pg');

/** The server the tests use: 127.0.0.1:5432, user postgres, trust auth; TEST_PG_* override. */
function pgConnection() {
  return {
    host: process.env.TEST_PG_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_PG_PORT ?? 5432),
    user: process.env.TEST_PG_USER ?? 'postgres',
    password: process.env.TEST_PG_PASSWORD ?? '',
  };
}

async function adminQuery(sql) {
  const client = new Client({ ...pgConnection(), database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Names are ours (a prefix and digits/underscores), never user input: quoting is enough. */
const quoted = (name) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name: ${name}`);
  return `"${name}"`;
};

const createDatabase = (name) => adminQuery(`CREATE DATABASE ${quoted(name)}`);
/** FORCE: a Strapi killed mid-test may leave connections open. */
const dropDatabase = (name) => adminQuery(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);

/** The environment that points Strapi's config/database.ts at that database. */
function databaseEnv(name) {
  const c = pgConnection();
  return {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: c.host,
    DATABASE_PORT: String(c.port),
    DATABASE_NAME: name,
    DATABASE_USERNAME: c.user,
    DATABASE_PASSWORD: c.password,
    DATABASE_SSL: 'false',
  };
}

module.exports = { pgConnection, createDatabase, dropDatabase, databaseEnv };
