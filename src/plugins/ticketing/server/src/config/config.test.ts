import type { Core } from '@strapi/strapi';
import { defaultsDeep } from 'lodash/fp';
import { WEBSITE_ACTIONS } from '../routes/content-api';
import config, { defaultsFrom, validateConfig } from './index';

type Env = Core.Config.Shared.ConfigParams['env'];

/** Strapi's `env` helper over a given set of variables (only the call the plugin makes). */
const envOf = (vars: Record<string, string>): Env => ((key: string, fallback?: string) => (key in vars ? vars[key] : fallback)) as unknown as Env;

/** What Strapi does at load (core/loaders/plugins: applyUserConfig): defaults, host options, validator. */
function load(hostOptions: Record<string, unknown>, vars: Record<string, string> = {}) {
  const merged = defaultsDeep(config.default({ env: envOf(vars) }), hostOptions) as Record<string, unknown>;
  config.validator(merged);
  return merged;
}

describe('plugin options', () => {
  test('defaults: Paris, no demo season, the seven website routes public and for members, one minute', () => {
    expect(load({})).toEqual({
      timeZone: 'Europe/Paris',
      seedDemoData: false,
      publicRoutes: [...WEBSITE_ACTIONS],
      authenticatedRoutes: [...WEBSITE_ACTIONS],
      nowGranularitySeconds: 60,
      holdExpiryMinutes: 15,
      availabilityFewLeft: 0,
    });
    expect(WEBSITE_ACTIONS).toHaveLength(10);
  });

  test('environment variables are read by the plugin itself', () => {
    const vars = { TICKETING_TIME_ZONE: 'America/Montreal', TICKETING_SEED_DEMO: 'true', TICKETING_NOW_GRANULARITY_SECONDS: '30' };
    expect(load({}, vars)).toMatchObject({ timeZone: 'America/Montreal', seedDemoData: true, nowGranularitySeconds: 30 });
    expect(load({}, { TICKETING_SEED_DEMO: 'FALSE' }).seedDemoData).toBe(false);
    expect(load({}, { TICKETING_TIME_ZONE: '' }).timeZone).toBe('Europe/Paris');
  });

  test('an option set in config/plugins.ts wins over its environment variable', () => {
    expect(load({ timeZone: 'Europe/Brussels', seedDemoData: false }, { TICKETING_TIME_ZONE: 'America/Montreal', TICKETING_SEED_DEMO: 'true' })).toMatchObject({
      timeZone: 'Europe/Brussels',
      seedDemoData: false,
    });
  });

  test('a list option is the host’s list, not merged entry by entry with the default', () => {
    expect(load({ publicRoutes: [] }).publicRoutes).toEqual([]);
    expect(load({ publicRoutes: [WEBSITE_ACTIONS[4]] }).publicRoutes).toEqual([WEBSITE_ACTIONS[4]]);
    expect(load({ authenticatedRoutes: [] }).authenticatedRoutes).toEqual([]);
    expect(() => load({ authenticatedRoutes: ['plugin::ticketing.season.create'] })).toThrow('option "authenticatedRoutes": entry 0');
  });

  test('a bad environment variable is named', () => {
    expect(() => load({}, { TICKETING_SEED_DEMO: 'yes' })).toThrow('environment variable TICKETING_SEED_DEMO (option "seedDemoData"): "yes" is not true or false');
    expect(() => load({}, { TICKETING_NOW_GRANULARITY_SECONDS: '1.5' })).toThrow('TICKETING_NOW_GRANULARITY_SECONDS');
    expect(() => load({}, { TICKETING_TIME_ZONE: 'Mars/Olympus' })).toThrow('environment variable TICKETING_TIME_ZONE (option "timeZone"): "Mars/Olympus" is not an IANA time zone name');
    expect(() => load({}, { TICKETING_NOW_GRANULARITY_SECONDS: '7200' })).toThrow('TICKETING_NOW_GRANULARITY_SECONDS (option "nowGranularitySeconds"): 7200 is not a whole number');
    expect(load({}, { TICKETING_HOLD_EXPIRY_MINUTES: '0.1' }).holdExpiryMinutes).toBe(0.1);
    expect(() => load({}, { TICKETING_HOLD_EXPIRY_MINUTES: '0.01' })).toThrow('TICKETING_HOLD_EXPIRY_MINUTES (option "holdExpiryMinutes"): 0.01 is not a number of minutes from 0.05 to 1440');
    expect(() => load({}, { TICKETING_HOLD_EXPIRY_MINUTES: '-1' })).toThrow('is not a number of minutes');
  });

  test('a bad or unknown option is named', () => {
    expect(() => load({ timezone: 'Europe/Paris' })).toThrow(
      'unknown option "timezone"; the options are timeZone, seedDemoData, publicRoutes, authenticatedRoutes, nowGranularitySeconds, holdExpiryMinutes, availabilityFewLeft',
    );
    expect(() => load({ timeZone: 'Paris' })).toThrow('option "timeZone": "Paris" is not an IANA time zone name');
    expect(() => load({ seedDemoData: 'true' })).toThrow('option "seedDemoData": "true" is not true or false');
    expect(() => load({ publicRoutes: 'all' })).toThrow('option "publicRoutes": "all" is not a list');
    expect(() => load({ publicRoutes: [WEBSITE_ACTIONS[0], 'plugin::ticketing.season.create'] })).toThrow(
      'option "publicRoutes": entry 1 ("plugin::ticketing.season.create") is not a website route action',
    );
    expect(() => load({ nowGranularitySeconds: 0 })).toThrow('option "nowGranularitySeconds": 0 is not a whole number of seconds from 1 to 3600');
    expect(() => validateConfig(null)).toThrow('the options must be an object');
  });

  test('the defaults leave list options out (Strapi would merge them entry by entry)', () => {
    expect(defaultsFrom(envOf({}))).not.toHaveProperty('publicRoutes');
  });
});
