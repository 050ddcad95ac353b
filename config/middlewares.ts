import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  // Names the fields of multi-error validation messages (wraps the error formatter).
  'plugin::client-portal.validation-message',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // 400 for `where`, `lookup`, oversized pages, populate deeper than 5 levels (SPEC §4.7).
  'plugin::client-portal.query-guard',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
