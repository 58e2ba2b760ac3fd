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
  // Seating plans (issue 16): a 20,000-seat plan or pretix file is 1–3 MB of JSON (koa-body's default limit is 1 MB).
  { name: 'strapi::body', config: { jsonLimit: '20mb' } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
