import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::budget-service.budget-service');
