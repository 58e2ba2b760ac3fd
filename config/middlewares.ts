import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  // gzip/brotli for JSON answers over 1 kB (the admin timeline of a large season, the website API).
  'strapi::compression',
  'strapi::query',
  // A seating plan is one JSON document: 20,000 seats are ≈ 1.2 MB, above the default 1 MB limit
  // (SEATING_PLAN_LIMITS allows 100,000 seats, ≈ 6 MB).
  { name: 'strapi::body', config: { jsonLimit: '16mb' } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
