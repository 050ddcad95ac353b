/** Calendar days as the API writes them (2026-11-24), counted in UTC so no time zone shifts a day. */

const DAY = 24 * 60 * 60 * 1000;

/** `isoDate` plus `days` calendar days: ("2026-12-30", 3) → "2027-01-02". */
export const addDays = (isoDate: string, days: number): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`${isoDate} is not a date like 2026-11-24`);
  const start = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`${isoDate} is not a real date`);
  }
  if (!Number.isInteger(days)) throw new RangeError(`${days} is not a whole number of days`);
  return new Date(start + days * DAY).toISOString().slice(0, 10);
};
