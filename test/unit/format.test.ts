import {
  formatDuration,
  formatMoney,
  minorDigits,
  toMajor,
} from '../../src/plugins/client-portal/admin/src/utils/format';

/** Intl may use narrow no-break spaces; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money and durations as every admin page shows them', () => {
  it('formats minor units in the locale and currency, never as cents', () => {
    expect(plain(formatMoney(123456, 'EUR', 'en'))).toBe('€1,234.56');
    expect(plain(formatMoney(123456, 'EUR', 'de'))).toBe('1.234,56 €');
    expect(plain(formatMoney(63000, 'EUR', 'de'))).toBe('630,00 €');
    expect(formatMoney(74970, 'USD', 'en')).toBe('$749.70');
    expect(formatMoney(-500, 'USD', 'en')).toBe('-$5.00');
    expect(formatMoney(null, 'EUR', 'en')).toBe('—');
    expect(formatMoney(undefined, 'EUR', 'en')).toBe('—');
  });
  it('knows currencies without or with three minor digits', () => {
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('KWD')).toBe(3);
    expect(toMajor(1234, 'EUR')).toBe(12.34);
    expect(toMajor(1234, 'JPY')).toBe(1234);
  });
  it('writes an unknown currency code after the amount instead of failing', () => {
    expect(formatMoney(1234, 'XYZ1', 'en')).toBe('12.34 XYZ1');
  });
  it('writes minutes as h:mm', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(90)).toBe('1:30');
    expect(formatDuration(6005)).toBe('100:05');
    expect(formatDuration(-30)).toBe('-0:30');
  });
});
