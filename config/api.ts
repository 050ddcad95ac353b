import type { Core } from '@strapi/strapi';

const config: Core.Config.Api = {
  rest: {
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
    // Unknown query keys (`where`, …) are a 400, not silently ignored (SPEC §4.7).
    strictParams: true,
  },
};

export default config;
