import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { currencyOf } from './money';
import { formatMoney } from '../../utils/format';
import { useDefaultCurrency } from './useCurrency';

/** A money column of the Content Manager's list view: "€630.00" in the row's currency. */
export const MoneyCell = ({ value, currency }: { value: unknown; currency: unknown }) => {
  const { locale } = useIntl();
  const defaultCurrency = useDefaultCurrency();
  if (typeof value !== 'number') return <Typography textColor="neutral800">-</Typography>;
  return (
    <Typography textColor="neutral800" style={{ whiteSpace: 'nowrap' }}>
      {formatMoney(value, currencyOf(currency, defaultCurrency), locale)}
    </Typography>
  );
};
