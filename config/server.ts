import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../src/env/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => {
  // Config is the first thing Strapi loads: refuse development secrets here, before anything starts.
  assertProductionSecrets();
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    // Only an explicitly configured PUBLIC_URL becomes Strapi's absolute URL, so the
    // admin panel keeps talking to the origin it was loaded from otherwise.
    url: env('PUBLIC_URL', ''),
    app: { keys: env.array('APP_KEYS', []) },
    // Behind a load balancer: trust its X-Forwarded-* headers, so rate limits and logs see the
    // client's address and not the balancer's (SPEC §11). Only where a proxy sets them.
    proxy: { koa: env.bool('PORTAL_TRUST_PROXY', false) },
  };
};

export default config;
