import type { Core } from '@strapi/strapi';

export const createDemoSeed = ({ strapi }: { strapi: Core.Strapi }) => ({
  async seedIfEmpty() {
    return false;
  },
});
