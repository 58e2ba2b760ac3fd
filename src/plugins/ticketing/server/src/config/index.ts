import { IANAZone } from 'luxon';
import { LEGACY_WEBSITE_ACTIONS, WEBSITE_ACTIONS } from '../routes/content-api';

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
}

/** A website action by its current name (the names before 1.1, `plugin::ticketing.website.<name>`, are still read). */
export const websiteAction = (action: string): string => LEGACY_WEBSITE_ACTIONS[action] ?? action;

export default {
  default: (): TicketingConfig => ({
    timeZone: 'Europe/Paris',
    seedDemoData: false,
    publicRoutes: [...WEBSITE_ACTIONS],
    authenticatedRoutes: [...WEBSITE_ACTIONS],
    nowGranularitySeconds: 60,
  }),
  validator(config: TicketingConfig) {
    if (!IANAZone.isValidZone(config.timeZone)) {
      throw new Error(`ticketing.timeZone: "${config.timeZone}" is not a valid IANA time zone (e.g. Europe/Paris)`);
    }
    for (const setting of ['publicRoutes', 'authenticatedRoutes'] as const) {
      const actions = config[setting];
      if (!Array.isArray(actions) || actions.some((a) => !WEBSITE_ACTIONS.includes(websiteAction(a)))) {
        throw new Error(`ticketing.${setting}: only website API actions may be granted (${WEBSITE_ACTIONS.join(', ')})`);
      }
    }
    if (!Number.isInteger(config.nowGranularitySeconds) || config.nowGranularitySeconds < 1 || config.nowGranularitySeconds > 3600) {
      throw new Error('ticketing.nowGranularitySeconds: a whole number of seconds from 1 to 3600');
    }
  },
};
