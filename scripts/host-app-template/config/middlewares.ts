// Strapi's default list, less strapi::favicon (this throwaway app ships no favicon.png).
export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::public',
];
