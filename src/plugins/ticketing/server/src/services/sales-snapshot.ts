import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { compileSnapshot, type ConfigurationInput, type Snapshot } from '../domain';
import { attachPricing, type PricingContext } from '../domain/pricing';
import { attachCapacity, type CapacityContext } from '../domain/capacity';
import { log } from './log';

/** How often a process asks the database whether another process changed the configuration. */
const VERSION_CHECK_MS = 400;
/** After a local write, check at every request for this long: its transaction commits soon. */
const LOCAL_WRITE_WINDOW_MS = 3000;

/** Runs `fn` once the promise settles, either way (its rejection stays the awaiting caller's). */
const whenSettled = (promise: Promise<unknown>, fn: () => void) => promise.then(fn, fn);

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
  let building: { version: number; promise: Promise<CompiledConfiguration> } | null = null;
  let checkedAt = 0;
  /** The version question in flight: concurrent requests share it instead of each asking. */
  let checking: Promise<number> | null = null;

  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);

  async function build(version: number): Promise<CompiledConfiguration> {
    const started = performance.now();
    // Prices (issue #18) load after the configuration (they take its performances, events and
    // seasons rather than reading them again) and attach to the same snapshot.
    const config: ConfigurationInput = await service('configuration').load();
    // Capacity (issue #17): the pools of the performances that have a validated logical configuration.
    const [pricing, pricingSetup, capacity]: [PricingContext, ConfigurationInput['pricingSetup'], CapacityContext] = await Promise.all([
      service('pricing').load(config),
      service('pricing').loadSetup(),
      service('capacity').load(config),
    ]);
    // The setup path's price steps (services/setup-steps.ts) read it from the configuration.
    config.pricingSetup = pricingSetup;
    const loaded = performance.now();
    const snapshot = compileSnapshot(config);
    attachPricing(snapshot, pricing);
    attachCapacity(snapshot, capacity);
    const compiled = performance.now();
    const ms = (a: number, b: number) => Math.round(b - a);
    log.info(
      `sales snapshot rebuilt: configuration version ${version} in ${ms(started, compiled)} ms (load ${ms(started, loaded)} ms, compile ${ms(loaded, compiled)} ms); ` +
        `${config.performances.length} performances, ${config.salesCalendars.length} sales calendars, ` +
        `${config.activityProfiles.length} activity profiles, ${config.productProfiles.length} product profiles`,
    );
    return { version, config, snapshot, compiledAt: new Date() };
  }

  return {
    async get(): Promise<CompiledConfiguration> {
      const now = Date.now();
      const recentLocalWrite = now - service('config-version').lastLocalBumpAt() < LOCAL_WRITE_WINDOW_MS;
      if (current && !recentLocalWrite && now - checkedAt < VERSION_CHECK_MS) return current;
      // Right after a local write, ask afresh: a question already in flight may predate its commit.
      if (recentLocalWrite) checking = null;
      if (!checking) {
        const question: Promise<number> = service('config-version').get();
        checking = question;
        whenSettled(question, () => {
          if (checking === question) checking = null;
        });
      }
      const version = await checking;
      checkedAt = Date.now();
      if (current && current.version === version) return current;
      // Join a build of this version in flight; a build of an older one does not answer for it.
      if (!building || building.version !== version) {
        const entry = { version, promise: build(version) };
        building = entry;
        whenSettled(entry.promise, () => {
          if (building === entry) building = null;
        });
      }
      const built = await building.promise;
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
