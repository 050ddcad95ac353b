import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::time-entry.time-entry');
