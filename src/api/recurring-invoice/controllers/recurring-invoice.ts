import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::recurring-invoice.recurring-invoice');
