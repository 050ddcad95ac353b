import type { Core } from '@strapi/strapi';
import { bodyGuard } from './body-guard';
import { drain } from './drain';
import { queryGuard } from './query-guard';
import { rateLimit, type RateLimitConfig } from './rate-limit';
import { nameInvalidFields } from './validation-message';

export default {
  'body-guard': () => bodyGuard,
  drain: (_config: unknown, { strapi }: { strapi: Core.Strapi }) => drain(strapi),
  'query-guard': () => queryGuard,
  'rate-limit': (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => rateLimit(config, strapi),
  'validation-message': () => nameInvalidFields,
};
