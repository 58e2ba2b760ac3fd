import type { Core } from '@strapi/strapi';
import { IANAZone } from 'luxon';
import { LEGACY_WEBSITE_ACTIONS, WEBSITE_ACTIONS } from '../routes/content-api';

/**
 * The plugin's options (`config/plugins.ts` › `ticketing.config` in the host application).
 * Each option's value comes from, in this order: the host's `config/plugins.ts`, the option's
 * environment variable (read here, so a host application gets it without copying this
 * repository's config), the built-in default. The README's options table lists the same.
 */
export interface TicketingConfig {
  /** IANA time zone of the institution: every day and wall-clock rule is computed in it. */
  timeZone: string;
  /** Load the demo season into an empty database at start-up (never when NODE_ENV=production). */
  seedDemoData: boolean;
  /**
   * Content-API actions granted to the Users & Permissions Public role at every start; every
   * other `plugin::ticketing.*` permission of the Public role is removed. Default: the website
   * API's read routes (routes/content-api.ts WEBSITE_ACTIONS). `[]` closes the API to anonymous callers.
   */
  publicRoutes: string[];
  /**
   * The same for the Users & Permissions Authenticated role (logged-in members of the website):
   * default all the website API's read routes; `[]` closes the API to logged-in users.
   */
  authenticatedRoutes: string[];
  /** Website API: "now" is truncated to this many seconds (answer and ETag are for that instant). */
  nowGranularitySeconds: number;
  /** Holds (issue #17): minutes before an unconfirmed hold expires and its places come back. */
  holdExpiryMinutes: number;
  /**
   * Website availability (issue #17): 0 answers exact counts; N > 0 answers bands instead
   * (`AVAILABLE` above N, `FEW_LEFT` from 1 to N, `NONE`), so that a site does not publish its counts.
   */
  availabilityFewLeft: number;
}

/** A website action by its current name (the names before 1.1, `plugin::ticketing.website.<name>`, are still read). */
export const websiteAction = (action: string): string => LEGACY_WEBSITE_ACTIONS[action] ?? action;

/** What is wrong with a list of website route actions (`publicRoutes`, `authenticatedRoutes`), or null. */
function websiteActionsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return `${JSON.stringify(value)} is not a list of website route actions (e.g. ["${WEBSITE_ACTIONS[0]}"] or [])`;
  const wrong = value.findIndex((action) => typeof action !== 'string' || !WEBSITE_ACTIONS.includes(websiteAction(action)));
  if (wrong === -1) return null;
  return `entry ${wrong} (${JSON.stringify(value[wrong])}) is not a website route action; allowed: ${WEBSITE_ACTIONS.join(', ')}`;
}

type Env = Core.Config.Shared.ConfigParams['env'];
type OptionName = keyof TicketingConfig;

interface OptionSpec {
  /** Environment variable read when `config/plugins.ts` does not set the option. */
  env?: string;
  /** Parses that variable; throws a message naming what is expected. */
  parseEnv?: (raw: string) => unknown;
  /** The built-in default. */
  fallback: () => unknown;
  /** `null` when the value is acceptable, otherwise what is wrong with it (the option is named by the caller). */
  problem: (value: unknown) => string | null;
}

const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** One row per option: environment variable, default and check, in one place. */
export const OPTIONS: Record<OptionName, OptionSpec> = {
  timeZone: {
    env: 'TICKETING_TIME_ZONE',
    parseEnv: (raw) => raw,
    fallback: () => 'Europe/Paris',
    problem: (value) => (typeof value === 'string' && IANAZone.isValidZone(value) ? null : `${JSON.stringify(value)} is not an IANA time zone name (e.g. "Europe/Paris", "America/Montreal")`),
  },
  seedDemoData: {
    env: 'TICKETING_SEED_DEMO',
    parseEnv: (raw) => {
      if (raw.toLowerCase() === 'true') return true;
      if (raw.toLowerCase() === 'false') return false;
      throw new Error(`"${raw}" is not true or false`);
    },
    fallback: () => false,
    problem: (value) => (typeof value === 'boolean' ? null : `${JSON.stringify(value)} is not true or false`),
  },
  publicRoutes: { fallback: () => [...WEBSITE_ACTIONS], problem: (value) => websiteActionsProblem(value) },
  authenticatedRoutes: { fallback: () => [...WEBSITE_ACTIONS], problem: (value) => websiteActionsProblem(value) },
  nowGranularitySeconds: {
    env: 'TICKETING_NOW_GRANULARITY_SECONDS',
    parseEnv: (raw) => {
      if (!/^\d+$/.test(raw)) throw new Error(`"${raw}" is not a whole number of seconds`);
      return Number(raw);
    },
    fallback: () => 60,
    problem: (value) => (isWholeNumber(value) && value >= 1 && value <= 3600 ? null : `${JSON.stringify(value)} is not a whole number of seconds from 1 to 3600`),
  },
  holdExpiryMinutes: {
    env: 'TICKETING_HOLD_EXPIRY_MINUTES',
    parseEnv: (raw) => {
      if (!/^\d+(\.\d+)?$/.test(raw)) throw new Error(`"${raw}" is not a number of minutes`);
      return Number(raw);
    },
    fallback: () => 15,
    // Fractions (down to 0.05 = 3 s) are for tests and benches of expiry.
    problem: (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0.05 && value <= 1440 ? null : `${JSON.stringify(value)} is not a number of minutes from 0.05 to 1440`),
  },
  availabilityFewLeft: {
    env: 'TICKETING_AVAILABILITY_FEW_LEFT',
    parseEnv: (raw) => {
      if (!/^\d+$/.test(raw)) throw new Error(`"${raw}" is not a whole number`);
      return Number(raw);
    },
    fallback: () => 0,
    problem: (value) => (isWholeNumber(value) && value >= 0 && value <= 100_000 ? null : `${JSON.stringify(value)} is not a whole number from 0 to 100000`),
  },
};

const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];

/**
 * Strapi merges this default with the host's options through lodash `defaultsDeep`, which merges
 * arrays entry by entry: a host's `publicRoutes: []` would come back as the six default routes,
 * and `['…catalog']` as catalog plus five defaults. So only scalar options are given here; list
 * options get their default in `validator`, once the merge is done.
 */
const isListOption = (name: OptionName) => Array.isArray(OPTIONS[name].fallback());

/** The environment's values and the built-in defaults of the scalar options. */
export function defaultsFrom(env: Env): Partial<TicketingConfig> {
  const defaults: Record<string, unknown> = {};
  for (const name of OPTION_NAMES) {
    if (isListOption(name)) continue;
    const spec = OPTIONS[name];
    const raw = spec.env ? env(spec.env, '') : '';
    if (spec.env && spec.parseEnv && raw !== '') {
      let value: unknown;
      try {
        value = spec.parseEnv(raw.trim());
      } catch (error) {
        throw new Error(`ticketing: environment variable ${spec.env} (option "${name}"): ${(error as Error).message}`);
      }
      // Checked here too, so that the message names the variable the value came from.
      const problem = spec.problem(value);
      if (problem) throw new Error(`ticketing: environment variable ${spec.env} (option "${name}"): ${problem}`);
      defaults[name] = value;
    } else {
      defaults[name] = spec.fallback();
    }
  }
  return defaults as Partial<TicketingConfig>;
}

/**
 * Checks the merged options (Strapi prefixes the message with "Error regarding ticketing config")
 * and completes the list options left out of the defaults. Strapi keeps this very object as the
 * plugin's configuration, so what is filled in here is what the plugin reads.
 */
export function validateConfig(config: unknown): asserts config is TicketingConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error('the options must be an object (config/plugins.ts › ticketing.config)');
  }
  const options = config as Record<string, unknown>;
  const unknown = Object.keys(options).filter((key) => !(OPTION_NAMES as string[]).includes(key));
  if (unknown.length > 0) {
    throw new Error(`unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; the options are ${OPTION_NAMES.join(', ')}`);
  }
  for (const name of OPTION_NAMES) {
    if (options[name] === undefined) options[name] = OPTIONS[name].fallback();
    const problem = OPTIONS[name].problem(options[name]);
    if (problem) throw new Error(`option "${name}": ${problem}`);
  }
}

export default {
  default: ({ env }: { env: Env }) => defaultsFrom(env),
  validator: (config: unknown): void => validateConfig(config),
};
