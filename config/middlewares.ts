import type { Core } from '@strapi/strapi';

/**
 * Where the admin panel's previews of documents come from when they live in a bucket:
 * presigned links point at the S3 server, which the default policy does not allow.
 */
const storageOrigins = (env: Core.Config.Shared.ConfigParams['env']): string[] => {
  const endpoint = env('PORTAL_S3_ENDPOINT', '');
  if (endpoint) return [new URL(endpoint).origin];
  const bucket = env('PORTAL_S3_BUCKET', '');
  return bucket ? [`https://${bucket}.s3.${env('PORTAL_S3_REGION', 'us-east-1')}.amazonaws.com`] : [];
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // Counts requests in flight so SIGTERM lets them finish (SPEC §11); first, so it sees them all.
  'plugin::client-portal.drain',
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
          // Strapi's defaults, plus the document bucket when there is one.
          'img-src': ["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', ...storageOrigins(env)],
          'media-src': ["'self'", 'data:', 'blob:', ...storageOrigins(env)],
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
