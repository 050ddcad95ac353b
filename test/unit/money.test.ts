import {
  currencyOf,
  currencySymbol,
  formatAmount,
  parseAmount,
} from '../../src/plugins/client-portal/admin/src/components/MoneyInput/money';

describe('money in the admin panel (integer minor units + currency)', () => {
  it('shows cents in the currency’s units, in the admin’s locale', () => {
    expect(formatAmount(63050, 'EUR', 'en')).toBe('630.50');
    expect(formatAmount(123456, 'EUR', 'de')).toBe('1234,56');
    expect(currencySymbol('EUR', 'en')).toBe('€');
  });

  it('reads what the admin typed as cents', () => {
    expect(parseAmount('630.50', 'EUR', 'en')).toBe(63050);
    expect(parseAmount('1234.56', 'EUR', 'en')).toBe(123456);
    expect(parseAmount('1,234.56', 'EUR', 'en')).toBe(123456);
    expect(parseAmount('€ 630', 'EUR', 'en')).toBe(63000);
    expect(parseAmount('630,5', 'EUR', 'en')).toBe(63050);
    expect(parseAmount('1.234,56', 'EUR', 'de')).toBe(123456);
    expect(parseAmount('630,50', 'EUR', 'de')).toBe(63050);
    expect(parseAmount('630.50', 'EUR', 'de')).toBe(63050);
    expect(parseAmount('1.234', 'EUR', 'de')).toBe(123400);
    expect(parseAmount('1,234', 'EUR', 'en')).toBe(123400);
    expect(parseAmount('630', 'JPY', 'en')).toBe(630);
    expect(parseAmount('-5', 'EUR', 'en')).toBe(-500);
  });

  it('tells empty from not an amount', () => {
    expect(parseAmount('', 'EUR', 'en')).toBeNull();
    expect(parseAmount('  ', 'EUR', 'en')).toBeNull();
    expect(parseAmount('abc', 'EUR', 'en')).toBeUndefined();
    expect(parseAmount('1.234.56', 'EUR', 'en')).toBeUndefined();
    expect(parseAmount('6.305', 'EUR', 'en')).toBeUndefined();
    expect(parseAmount('630.505', 'EUR', 'en')).toBeUndefined();
    expect(parseAmount('630.5', 'JPY', 'en')).toBeUndefined();
  });

  it('takes the entry’s currency, else the default, else EUR', () => {
    expect(currencyOf('usd', 'EUR')).toBe('USD');
    expect(currencyOf(undefined, 'CHF')).toBe('CHF');
    expect(currencyOf('', null)).toBe('EUR');
    expect(currencyOf('euro', 'GBP')).toBe('GBP');
  });
});
