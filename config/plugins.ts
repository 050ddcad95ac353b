import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
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
      // Benchmarks only (npm run bench): plain Strapi behaviour for comparison; refused in production.
      rulesOff: env.bool('PORTAL_RULES_OFF', false),
    },
  },
});

export default config;
