import type { Core } from '@strapi/strapi';
import { secretList } from './env-secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: secretList(env as never, 'APP_KEYS'),
  },
});

export default config;
