import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { useQuery } from 'react-query';
import { PLUGIN_ID } from '../../../../shared/contracts';
import { currencyOf } from './money';

/** The plugin's default currency (Settings), for entries without a currency of their own. */
export const useDefaultCurrency = () => {
  const { get } = useFetchClient();
  const { data } = useQuery(
    [PLUGIN_ID, 'default-currency'],
    async () =>
      ((await get(`/${PLUGIN_ID}/settings/currency`)) as { data: { data: { defaultCurrency: string } } }).data.data
        .defaultCurrency,
    { staleTime: 5 * 60_000, retry: false }
  );
  return data;
};

/** The currency of the entry being edited (its `currency` field), else the default. */
export const useEntryCurrency = () => {
  const entryCurrency = useForm('MoneyInput', (state) => (state.values as Record<string, unknown>).currency);
  const defaultCurrency = useDefaultCurrency();
  return currencyOf(entryCurrency, defaultCurrency);
};
