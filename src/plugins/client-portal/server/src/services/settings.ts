import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/contracts';
import { parsePluginConfig, type PluginConfig } from '../config';

/** The validated plugin configuration (from config/plugins.ts and the environment). */
const settings = ({ strapi }: { strapi: Core.Strapi }) => ({
  get(): PluginConfig {
    return parsePluginConfig(strapi.config.get(`plugin::${PLUGIN_ID}`));
  },
});

export default settings;
