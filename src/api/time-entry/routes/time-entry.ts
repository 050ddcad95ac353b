import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::time-entry.time-entry');
