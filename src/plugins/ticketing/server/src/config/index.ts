import { IANAZone } from 'luxon';

export interface TicketingConfig {
  /** IANA time zone of the institution: every day and wall-clock rule is computed in it. */
  timeZone: string;
  /** Load the demo season into an empty database at start-up (never when NODE_ENV=production). */
  seedDemoData: boolean;
}

export default {
  default: (): TicketingConfig => ({
    timeZone: 'Europe/Paris',
    seedDemoData: false,
  }),
  validator(config: TicketingConfig) {
    if (!IANAZone.isValidZone(config.timeZone)) {
      throw new Error(`ticketing.timeZone: "${config.timeZone}" is not a valid IANA time zone (e.g. Europe/Paris)`);
    }
  },
};
