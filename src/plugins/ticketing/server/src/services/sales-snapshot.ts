import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { compileSnapshot, type ConfigurationInput, type Snapshot } from '../domain';

/** How often a process asks the database whether another process changed the configuration. */
const VERSION_CHECK_MS = 400;
/** After a local write, check at every request for this long: its transaction commits soon. */
const LOCAL_WRITE_WINDOW_MS = 3000;

export interface CompiledConfiguration {
  version: number;
  config: ConfigurationInput;
  snapshot: Snapshot;
  compiledAt: Date;
}

/**
 * The engine's compiled snapshot of the whole sales setup, held in memory and rebuilt when the
 * configuration version changes. Every reader (website API, admin timelines, explanations)
 * asks this one service. Several Strapi processes on one database each see a change within
 * VERSION_CHECK_MS; the process that made it sees it at once.
 */
export const createSalesSnapshot = ({ strapi }: { strapi: Core.Strapi }) => {
  let current: CompiledConfiguration | null = null;
  let building: Promise<CompiledConfiguration> | null = null;
  let checkedAt = 0;

  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);

  async function build(version: number): Promise<CompiledConfiguration> {
    const config: ConfigurationInput = await service('configuration').load();
    return { version, config, snapshot: compileSnapshot(config), compiledAt: new Date() };
  }

  return {
    async get(): Promise<CompiledConfiguration> {
      const now = Date.now();
      const recentLocalWrite = now - service('config-version').lastLocalBumpAt() < LOCAL_WRITE_WINDOW_MS;
      if (current && !recentLocalWrite && now - checkedAt < VERSION_CHECK_MS) return current;
      const version: number = await service('config-version').get();
      checkedAt = Date.now();
      if (current && current.version === version) return current;
      if (!building) {
        building = build(version).finally(() => {
          building = null;
        });
      }
      const built = await building;
      // A slower build of an older version never replaces a newer one.
      if (!current || built.version >= current.version) current = built;
      return current;
    },

    /** Forget the snapshot (tests, or after a restore). */
    reset() {
      current = null;
      checkedAt = 0;
    },
  };
};
