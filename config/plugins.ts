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
    // The plugin reads TICKETING_TIME_ZONE, TICKETING_SEED_DEMO and TICKETING_NOW_GRANULARITY_SECONDS
    // itself (see its README's options table). This repository only changes one default: the demo
    // opera season loads into an empty database outside production unless TICKETING_SEED_DEMO=false.
    config: {
      seedDemoData: env.bool('TICKETING_SEED_DEMO', process.env.NODE_ENV !== 'production'),
    },
  },
});

export default config;
