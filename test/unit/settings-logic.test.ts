import { isCurrencyCode, isoCurrencies } from '../../src/plugins/client-portal/shared/contracts';
import {
  currencyOptions,
  parseSeatLimit,
  seatLimitWarning,
} from '../../src/plugins/client-portal/admin/src/utils/settings-logic';

describe('settings logic', () => {
  it('accepts an empty seat limit (unlimited) or a whole number of at least 1, nothing else', () => {
    expect(parseSeatLimit('')).toEqual({ ok: true, value: null });
    expect(parseSeatLimit('  ')).toEqual({ ok: true, value: null });
    expect(parseSeatLimit('5')).toEqual({ ok: true, value: 5 });
    expect(parseSeatLimit(' 12 ')).toEqual({ ok: true, value: 12 });
    for (const input of ['abc', '0', '-1', '2.5', '1e3', '5 seats', '1000001', '٣']) {
      expect({ input, result: parseSeatLimit(input) }).toEqual({ input, result: { ok: false } });
    }
  });

  it('warns only for a limit below the seats in use, with how many must be archived', () => {
    expect(seatLimitWarning(3, 5)).toEqual({ used: 5, limit: 3, archive: 3 });
    expect(seatLimitWarning(4, 5)).toEqual({ used: 5, limit: 4, archive: 2 });
    expect(seatLimitWarning(5, 5)).toBeNull();
    expect(seatLimitWarning(8, 5)).toBeNull();
    expect(seatLimitWarning(null, 5)).toBeNull();
    expect(seatLimitWarning(3, undefined)).toBeNull();
  });

  it('offers ISO 4217 codes with their names, and keeps the saved code', () => {
    const options = currencyOptions('en');
    expect(options.find((option) => option.value === 'USD')?.label).toBe('USD — US Dollar');
    expect(options.find((option) => option.value === 'EUR')?.label).toBe('EUR — Euro');
    expect(currencyOptions('de').find((option) => option.value === 'EUR')?.label).toBe('EUR — Euro');
    expect(options.map((option) => option.value)).toEqual([...options.map((option) => option.value)].sort());
    expect(isoCurrencies().length).toBeGreaterThan(100);
    expect(isCurrencyCode('CHF')).toBe(true);
    for (const code of ['eur', 'EURO', 'XYZ', '', 12]) expect(isCurrencyCode(code)).toBe(false);
  });
});
