import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PLUGIN_ID, type PortalSettings } from '../../../shared/contracts';
import { parsePluginConfig, type PluginConfig } from '../config';

/** What an admin may store; each field optional (unset fields keep their environment default). */
export const portalSettingsSchema = z
  .object({
    seatLimit: z
      .number({ error: 'must be a whole number of seats, or null for unlimited' })
      .int({ error: 'must be a whole number of seats, or null for unlimited' })
      .min(0, { error: 'must be 0 or more' })
      .max(1_000_000, { error: 'must be at most 1000000' })
      .nullable(),
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as EUR' }),
    requireTimeApprovalByDefault: z.boolean({ error: 'must be true or false' }),
  })
  .partial()
  .strict();

/**
 * The plugin's configuration: the validated environment (config/plugins.ts), and
 * the settings an admin saved in the plugin store, which win once saved.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });

  return {
    get(): PluginConfig {
      return parsePluginConfig(strapi.config.get(`plugin::${PLUGIN_ID}`));
    },

    async current(): Promise<PortalSettings> {
      const saved = portalSettingsSchema.safeParse((await store().get()) ?? {});
      const stored = saved.success ? saved.data : {};
      const environment = this.get();
      return {
        seatLimit: stored.seatLimit !== undefined ? stored.seatLimit : environment.seatLimit,
        defaultCurrency: stored.defaultCurrency ?? environment.currency,
        requireTimeApprovalByDefault: stored.requireTimeApprovalByDefault ?? false,
      };
    },

    async update(change: z.output<typeof portalSettingsSchema>): Promise<PortalSettings> {
      const saved = portalSettingsSchema.safeParse((await store().get()) ?? {});
      await store().set({ value: { ...(saved.success ? saved.data : {}), ...change } });
      return this.current();
    },
  };
};

export default settings;
