import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::estimate.estimate');
