import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { isCurrencyCode, PLUGIN_ID, SEAT_LIMIT_RANGE, type PortalSettings } from '../../../shared/contracts';
import { parsePluginConfig, type PluginConfig } from '../config';

/** What the plugin store may hold; each field optional (unset fields keep their environment default). */
export const portalSettingsSchema = z
  .object({
    seatLimit: z.number().int().min(0).max(SEAT_LIMIT_RANGE.max).nullable(),
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
    requireTimeApprovalByDefault: z.boolean(),
  })
  .partial()
  .strict();

const SEAT_LIMIT_MESSAGE = `Seat limit must be a whole number of at least ${SEAT_LIMIT_RANGE.min}, or empty for no limit`;

/**
 * What an admin may save (`PUT /client-portal/settings`): messages name each field in
 * words, since the Settings page shows them as they are.
 */
export const portalSettingsInput = z
  .object({
    seatLimit: z
      .number({ error: SEAT_LIMIT_MESSAGE })
      .int({ error: SEAT_LIMIT_MESSAGE })
      .min(SEAT_LIMIT_RANGE.min, { error: SEAT_LIMIT_MESSAGE })
      .max(SEAT_LIMIT_RANGE.max, { error: `Seat limit must be at most ${SEAT_LIMIT_RANGE.max}` })
      .nullable(),
    defaultCurrency: z
      .string({ error: 'Default currency must be an ISO 4217 code such as EUR' })
      .refine(isCurrencyCode, { error: 'Default currency must be an ISO 4217 code such as EUR' }),
    requireTimeApprovalByDefault: z.boolean({ error: 'Time approval by default must be on or off (true or false)' }),
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

    async update(change: z.output<typeof portalSettingsInput>): Promise<PortalSettings> {
      const saved = portalSettingsSchema.safeParse((await store().get()) ?? {});
      await store().set({ value: { ...(saved.success ? saved.data : {}), ...change } });
      return this.current();
    },
  };
};

export default settings;
