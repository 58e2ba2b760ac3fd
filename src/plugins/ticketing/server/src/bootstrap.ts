import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as { seedDemoData?: boolean };
  if (config?.seedDemoData && process.env.NODE_ENV !== 'production') {
    await strapi.plugin(PLUGIN_ID).service('demo-seed').seedIfEmpty();
  }
};

export default bootstrap;
