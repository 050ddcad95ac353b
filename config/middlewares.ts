import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  // Names the fields of multi-error validation messages (wraps the error formatter).
  'plugin::client-portal.validation-message',
  'strapi::errors',
  {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        directives: {
          // The admin Invoices page shows an invoice's PDF from a blob: URL in an iframe.
          'frame-src': ["'self'", 'blob:'],
          'object-src': ["'self'", 'blob:'],
        },
      },
    },
  },
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // 400 for `where`, `lookup`, oversized or huge pages, populate deeper than 5 levels, operators
  // where filters expect attribute names (SPEC §4.7).
  'plugin::client-portal.query-guard',
  // 400 for bodies the body parser cannot read (bad JSON, broken multipart); stands right before it.
  'plugin::client-portal.body-guard',
  {
    name: 'strapi::body',
    // An oversized upload is refused while it arrives, not after it was written to disk.
    config: { formidable: { maxFileSize: env.int('PORTAL_UPLOAD_MAX_BYTES', 50 * 1024 * 1024) } },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
