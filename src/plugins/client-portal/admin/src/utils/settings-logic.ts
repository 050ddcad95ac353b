import { isoCurrencies, SEAT_LIMIT_RANGE } from '../../../shared/contracts';

/** Pure logic of the Settings page (tested without a browser). */

export type SeatLimitInput = { ok: true; value: number | null } | { ok: false };

/** The seat limit field: empty is unlimited (null), else a whole number the server accepts; anything else is refused. */
export const parseSeatLimit = (input: string): SeatLimitInput => {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  if (!/^\d+$/.test(text)) return { ok: false };
  const value = Number(text);
  return value >= SEAT_LIMIT_RANGE.min && value <= SEAT_LIMIT_RANGE.max ? { ok: true, value } : { ok: false };
};

/**
 * Saving a limit below the seats in use asks first. `archive` is how many must be
 * archived before anyone new gets in (an invitation needs a free seat: used < limit).
 */
export const seatLimitWarning = (
  limit: number | null,
  used: number | null | undefined
): { used: number; limit: number; archive: number } | null =>
  limit === null || used === null || used === undefined || limit >= used
    ? null
    : { used, limit, archive: used - limit + 1 };

/** The currency choices: every ISO 4217 code this browser knows, plus the saved one, "EUR — Euro". */
export const currencyOptions = (locale: string, current?: string | null): { value: string; label: string }[] => {
  const codes = [...new Set([...isoCurrencies(), ...(current ? [current] : [])])].sort();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'currency' });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    const name = names?.of(code);
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
  });
};
