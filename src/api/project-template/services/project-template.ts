import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::project-template.project-template');
