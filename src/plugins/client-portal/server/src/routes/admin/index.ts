import type { Core } from '@strapi/strapi';

const routes: Core.RouterInput = {
  type: 'admin',
  routes: [],
};

export default routes;
