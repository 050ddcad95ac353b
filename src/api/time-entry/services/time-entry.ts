import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::time-entry.time-entry');
