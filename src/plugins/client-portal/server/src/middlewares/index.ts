import type { Core } from '@strapi/strapi';
import { bodyGuard } from './body-guard';
import { queryGuard } from './query-guard';
import { staffActor } from './staff-actor';
import { nameInvalidFields } from './validation-message';

export default {
  'body-guard': () => bodyGuard,
  'query-guard': () => queryGuard,
  'validation-message': () => nameInvalidFields,
  'staff-actor': (_config: unknown, { strapi }: { strapi: Core.Strapi }) => staffActor(strapi),
};
