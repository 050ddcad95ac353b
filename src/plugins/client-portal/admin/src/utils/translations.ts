import { PLUGIN_ID } from '../../../shared/contracts';

/** A translated text: its translation id and English fallback. */
export type Message = readonly [id: string, fallback: string];

export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;

export const prefixTranslations = (messages: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [getTranslation(key), value]));
