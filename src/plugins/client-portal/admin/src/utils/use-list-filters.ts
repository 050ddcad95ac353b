import { useState } from 'react';

/** A filter's value that filters nothing ("All states", "All companies"). */
export const ALL = 'all';

/**
 * A server-paged list's filters, each `ALL` or a chosen value, and its page; choosing a new
 * value starts again at page 1 (the old page may not exist under the new filter).
 */
export const useListFilters = <Key extends string>(keys: readonly Key[]) => {
  const [values, setValues] = useState(() => Object.fromEntries(keys.map((key) => [key, ALL])) as Record<Key, string>);
  const [page, setPage] = useState(1);
  const choose = (key: Key) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setPage(1);
  };
  /** The value to query by: null for all. */
  const chosen = (key: Key) => (values[key] === ALL ? null : values[key]);
  return { values, choose, chosen, page, setPage };
};
