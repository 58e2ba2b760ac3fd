import type { Core } from '@strapi/strapi';
import { CONFIG_VERSION_UID } from '../constants';
import type { Knex } from 'knex';

const KEY = 'configuration';

/**
 * The configuration version: one row, bumped with `version = version + 1` by every write that
 * can change a sale answer (any write of a ticketing type, any transition), inside that write's
 * transaction. The website API caches the engine snapshot keyed by it: a snapshot built at
 * version N is valid as long as get() still answers N.
 */
export const createConfigVersion = ({ strapi }: { strapi: Core.Strapi }) => {
  const table = () => strapi.db.metadata.get(CONFIG_VERSION_UID).tableName;

  /** The running transaction (the caller's, thanks to Strapi's transaction context) or a new one. */
  const inTransaction = <T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => strapi.db.transaction(({ trx }) => fn(trx)) as Promise<T>;

  async function ensureRow(trx: Knex.Transaction) {
    const row = await trx(table()).where({ key: KEY }).first();
    if (!row) {
      const now = new Date();
      await trx(table()).insert({ key: KEY, version: 1, document_id: `cfgversion${KEY}`, created_at: now, updated_at: now, published_at: now });
    }
  }

  /** When this process last bumped the version (its transaction may not be committed yet). */
  let lastLocalBump = 0;

  return {
    lastLocalBumpAt: () => lastLocalBump,

    /** Called once at bootstrap so that bump() can always be a single atomic UPDATE. */
    async ensure() {
      await inTransaction(ensureRow);
    },

    async get(): Promise<number> {
      return inTransaction(async (trx) => {
        const row = await trx(table()).where({ key: KEY }).first();
        return row ? Number(row.version) : 0;
      });
    },

    /**
     * +1, atomically, in the caller's transaction. On PostgreSQL the UPDATE locks the row until
     * commit, so two writes cannot read-modify-write the same number; callers take it last
     * (after their own row locks) so that the lock order is always object rows → version row.
     */
    async bump(): Promise<number> {
      return inTransaction(async (trx) => {
        const updated = await trx(table()).where({ key: KEY }).increment('version', 1);
        if (!updated) {
          await ensureRow(trx);
        }
        const row = await trx(table()).where({ key: KEY }).first();
        lastLocalBump = Date.now();
        return Number(row.version);
      });
    },
  };
};
