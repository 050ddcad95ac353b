/** Money and durations as the admin reads them: one place for every page, widget and the money field. */

/** Minor-unit digits of a currency: 2 for EUR, 0 for JPY, 3 for KWD (2 for a code Intl does not know). */
export const minorDigits = (currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Integer minor units as a major-unit number (1234 EUR cents → 12.34). */
export const toMajor = (cents: number, currency: string) => cents / 10 ** minorDigits(currency);

/** Integer minor units in the admin's locale and the row's currency: 123456, EUR, de → "1.234,56 €"; none → "—". */
export const formatMoney = (cents: number | null | undefined, currency: string, locale: string): string => {
  if (cents === null || cents === undefined) return '—';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(toMajor(cents, currency));
  } catch {
    return `${toMajor(cents, currency).toFixed(2)} ${currency}`;
  }
};

/** Minutes as hours and minutes: 90 → "1:30", -30 → "-0:30". */
export const formatDuration = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '';
  const whole = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};
