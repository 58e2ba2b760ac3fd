import type { StrapiApp } from '@strapi/strapi/admin';

// Editors work in French first: an admin that has never chosen a language opens in French
// (Strapi otherwise defaults to English). Anyone can switch in their profile; English is kept.
const LANGUAGE_KEY = 'strapi-admin-language';
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) {
  window.localStorage.setItem(LANGUAGE_KEY, 'fr');
}

export default {
  config: {
    locales: ['fr'],
  },
  bootstrap(_app: StrapiApp) {},
};
