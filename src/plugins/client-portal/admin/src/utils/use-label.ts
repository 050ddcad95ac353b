import { useIntl } from 'react-intl';
import { getTranslation } from './translations';

/** The plugin's translated strings with an English fallback, and the admin's locale. */
export const useLabel = () => {
  const { formatMessage, locale } = useIntl();
  const label = (id: string, fallback: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage: fallback }, values);
  return { label, locale };
};
