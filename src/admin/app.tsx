import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // French first (the editors' language), English second.
    locales: ['fr'],
  },
  bootstrap(_app: StrapiApp) {},
};
