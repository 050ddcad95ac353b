/** The plugin's money custom field: integer minor units, shown and edited in the entry's currency. */
export const MONEY_FIELD = 'money';
export const MONEY_FIELD_UID = 'plugin::client-portal.money';

/** Common ISO 4217 codes, for runtimes without `Intl.supportedValuesOf`. */
const FALLBACK_CURRENCIES = ['AUD', 'CAD', 'CHF', 'CNY', 'CZK', 'DKK', 'EUR', 'GBP', 'JPY', 'NOK', 'PLN', 'SEK', 'USD'];

/** The ISO 4217 codes this runtime knows (`Intl.supportedValuesOf('currency')`), sorted. */
export const isoCurrencies = (): string[] => {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: 'currency') => string[] }).supportedValuesOf;
  try {
    if (supported) return [...supported('currency')].sort();
  } catch {
    // Older runtime: the fallback list.
  }
  return FALLBACK_CURRENCIES;
};

/** Three upper-case letters, and a code this runtime knows when it can tell. */
export const isCurrencyCode = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^[A-Z]{3}$/.test(value) &&
  ((Intl as unknown as { supportedValuesOf?: unknown }).supportedValuesOf === undefined ||
    isoCurrencies().includes(value));
