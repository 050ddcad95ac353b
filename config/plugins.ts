import type { Core } from '@strapi/strapi';

/** SMTP when SMTP_HOST is set; otherwise nodemailer renders each message and the plugin writes it to .tmp/mail/. */
const mailTransport = (env: Core.Config.Shared.ConfigParams['env']) =>
  env('SMTP_HOST', '')
    ? {
        host: env('SMTP_HOST'),
        port: env.int('SMTP_PORT', 587),
        secure: env.bool('SMTP_SECURE', false),
        auth: env('SMTP_USER', '') ? { user: env('SMTP_USER'), pass: env('SMTP_PASS', '') } : undefined,
      }
    : { streamTransport: true, buffer: true, newline: 'unix' };

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: mailTransport(env),
      settings: {
        defaultFrom: env('MAIL_FROM', 'portal@localhost'),
        defaultReplyTo: env('MAIL_FROM', 'portal@localhost'),
      },
    },
  },
  upload: {
    config: {
      // Document files are stored privately by the client-portal plugin (outside public/).
      sizeLimit: env.int('PORTAL_UPLOAD_MAX_BYTES', 50 * 1024 * 1024),
    },
  },
  // SPEC §10: /graphql with the REST rules (the client-portal plugin scopes nested relations).
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // As REST (config/api.ts): 25 by default, never more than 100 rows per list.
      defaultLimit: 25,
      maxLimit: 100,
      depthLimit: 10,
      landingPage: env('NODE_ENV', 'development') !== 'production',
      apolloServer: { introspection: true },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '7d') },
    },
  },
  'client-portal': {
    enabled: true,
    resolve: './src/plugins/client-portal',
    config: {
      publicUrl: env('PUBLIC_URL', '') || 'http://localhost:1337',
      agencyName: env('PORTAL_AGENCY_NAME', 'Agency'),
      ownerEmail: env('PORTAL_OWNER_EMAIL', ''),
      ownerPassword: env('PORTAL_OWNER_PASSWORD', ''),
      seatLimit: env('PORTAL_SEAT_LIMIT', ''),
      currency: env('PORTAL_CURRENCY', 'EUR'),
      filesDir: env('PORTAL_FILES_DIR', '') || '.tmp/private-files',
      // Documents on S3-compatible storage (SPEC §11) when PORTAL_S3_BUCKET is set; filesDir otherwise.
      s3: {
        bucket: env('PORTAL_S3_BUCKET', ''),
        endpoint: env('PORTAL_S3_ENDPOINT', ''),
        region: env('PORTAL_S3_REGION', ''),
        accessKeyId: env('PORTAL_S3_ACCESS_KEY_ID', ''),
        secretAccessKey: env('PORTAL_S3_SECRET_ACCESS_KEY', ''),
      },
      // The mail outbox (SPEC §11): wait before a retry (doubling each time), attempts before giving up,
      // and how long a claimed mail stays with an instance that stopped answering.
      mailRetrySeconds: env('PORTAL_MAIL_RETRY_SECONDS', ''),
      mailMaxAttempts: env('PORTAL_MAIL_MAX_ATTEMPTS', ''),
      mailLeaseSeconds: env('PORTAL_MAIL_LEASE_SECONDS', ''),
      // SIGTERM: how long requests in flight may take before the instance stops (SPEC §11).
      shutdownSeconds: env('PORTAL_SHUTDOWN_SECONDS', ''),
      // Shared rate limits across instances (SPEC §11); empty: in memory.
      redisUrl: env('REDIS_URL', ''),
      // The scheduled job (recurring invoices, client reports): a cron rule, "off" to run none here.
      jobsCron: env('PORTAL_JOBS_CRON', ''),
      // Benchmarks only (npm run bench): plain Strapi behaviour for comparison; refused in production.
      rulesOff: env.bool('PORTAL_RULES_OFF', false),
    },
  },
});

export default config;
