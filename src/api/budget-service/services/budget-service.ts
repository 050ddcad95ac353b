import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::budget-service.budget-service');
