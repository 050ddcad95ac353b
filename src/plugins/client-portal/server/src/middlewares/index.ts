import type { Core } from '@strapi/strapi';
import { queryGuard } from './query-guard';
import { staffActor } from './staff-actor';
import { nameInvalidFields } from './validation-message';

export default {
  'query-guard': () => queryGuard,
  'validation-message': () => nameInvalidFields,
  'staff-actor': (_config: unknown, { strapi }: { strapi: Core.Strapi }) => staffActor(strapi),
};
