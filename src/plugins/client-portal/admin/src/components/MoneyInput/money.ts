import { minorDigits, toMajor } from '../../utils/format';

/**
 * Money in the admin panel: integer minor units (cents) shown and typed in currency
 * units of the entry's currency, in the admin's locale. Pure, so unit-tested.
 */

const safeCurrency = (currency: string | null | undefined, fallback: string) =>
  typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : fallback;

/** The currency a money field shows: the entry's, else the plugin's default, else EUR. */
export const currencyOf = (entryCurrency: unknown, defaultCurrency?: string | null) =>
  safeCurrency(
    typeof entryCurrency === 'string' ? entryCurrency.trim().toUpperCase() : null,
    safeCurrency(defaultCurrency, 'EUR')
  );

/** 63000 + EUR → "630.00" (en), "630,00" (de): what the input shows. */
export const formatAmount = (cents: number, currency: string, locale: string) => {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(toMajor(cents, currency));
};

/** "€" for EUR in English, "US$"/"$" for USD…: shown before the input. */
export const currencySymbol = (currency: string, locale: string) => {
  try {
    return (
      new Intl.NumberFormat(locale, { style: 'currency', currency })
        .formatToParts(0)
        .find((part) => part.type === 'currency')?.value ?? currency
    );
  } catch {
    return currency;
  }
};

const decimalSeparator = (locale: string) =>
  new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';

/**
 * What the admin typed, in minor units: "630.50" → 63050, "1,234.56" → 123456 (en),
 * "1.234,56" → 123456 (de); a lone "." or "," followed by at most the currency's
 * digits is the decimal mark in any locale. Empty → null; not an amount → undefined.
 */
export const parseAmount = (text: string, currency: string, locale: string): number | null | undefined => {
  if (text.trim() === '') return null;
  // A currency sign or the currency's code around the amount is fine ("€ 630", "630 EUR").
  const compact = text
    .replace(/[\s\u00a0\u202f'’]/g, '')
    .replace(/\p{Sc}/gu, '')
    .replace(new RegExp(`^${currency}|${currency}$`, 'i'), '');
  const match = /^(-?)([\d.,]+)$/.exec(compact);
  if (!match) return undefined;
  const [, sign, number] = match;
  const digits = minorDigits(currency);
  const localeMark = decimalSeparator(locale);
  const otherMark = localeMark === ',' ? '.' : ',';
  if (number.split(localeMark).length > 2) return undefined;
  let mark: string | null = number.includes(localeMark) ? localeMark : null;
  if (!mark && number.split(otherMark).length === 2) {
    const after = number.split(otherMark)[1];
    if (after.length >= 1 && after.length <= Math.max(digits, 2) && after.length !== 3) mark = otherMark;
  }
  const at = mark ? number.lastIndexOf(mark) : -1;
  const whole = (at >= 0 ? number.slice(0, at) : number).replace(/[.,]/g, '');
  const fraction = at >= 0 ? number.slice(at + 1) : '';
  if (!/^\d*$/.test(fraction) || fraction.length > digits || (whole === '' && fraction === '')) return undefined;
  const cents = Number(`${whole || '0'}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(cents)) return undefined;
  return sign ? -cents : cents;
};
