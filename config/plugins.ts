import type { Core } from '@strapi/strapi';
import { secret } from './env-secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET'),
    },
  },
  ticketing: {
    enabled: true,
    resolve: './src/plugins/ticketing',
    config: {
      // Institution time zone: every day and wall-clock rule of the sales engine uses it.
      timeZone: env('TICKETING_TIME_ZONE', 'Europe/Paris'),
      // Load the demo opera season into an empty database (never in production).
      seedDemoData: env.bool('TICKETING_SEED_DEMO', process.env.NODE_ENV !== 'production'),
    },
  },
});

export default config;
