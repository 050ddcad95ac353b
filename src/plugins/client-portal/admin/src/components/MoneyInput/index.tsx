import * as React from 'react';
import { Field, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../../utils/translations';
import { currencySymbol, formatAmount, parseAmount } from './money';
import { useEntryCurrency } from './useCurrency';

interface MoneyInputProps {
  name: string;
  label?: React.ReactNode;
  hint?: React.ReactNode;
  labelAction?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  value?: unknown;
  error?: string;
  onChange: (name: string, value: unknown) => void;
}

/** The field's text: the amount in currency units, or what was typed if it is not an amount. */
const shown = (value: unknown, currency: string, locale: string) =>
  typeof value === 'number' && Number.isFinite(value)
    ? formatAmount(value, currency, locale)
    : typeof value === 'string'
      ? value
      : '';

/**
 * The Content Manager's input of `plugin::client-portal.money`: stores integer minor
 * units, shows and takes currency units of the entry's currency ("630.50" → 63050).
 */
const MoneyInput = React.forwardRef<HTMLInputElement, MoneyInputProps>(
  ({ name, label, hint, labelAction, required, disabled, placeholder, value, error, onChange }, ref) => {
    const { locale, formatMessage } = useIntl();
    const currency = useEntryCurrency();
    const [text, setText] = React.useState(() => shown(value, currency, locale));
    const [editing, setEditing] = React.useState(false);
    const invalid = editing && text.trim() !== '' && parseAmount(text, currency, locale) === undefined;

    // Outside edits (reset, another currency, a saved value) show in the field when not typing.
    React.useEffect(() => {
      if (!editing) setText(shown(value, currency, locale));
    }, [value, currency, locale, editing]);

    const change = (next: string) => {
      setText(next);
      const cents = parseAmount(next, currency, locale);
      // Something that is not an amount stays in the form as text, so the form refuses to save it.
      onChange(name, cents === undefined ? next : cents);
    };

    const message = invalid
      ? formatMessage(
          { id: getTranslation('money.invalid'), defaultMessage: 'Enter an amount in {currency}, e.g. 630.50' },
          { currency }
        )
      : error;

    return (
      <Field.Root name={name} hint={hint} error={message} required={required}>
        <Field.Label action={labelAction}>{label}</Field.Label>
        <TextInput
          ref={ref}
          inputMode="decimal"
          autoComplete="off"
          disabled={disabled}
          placeholder={placeholder}
          value={text}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => change(event.target.value)}
          onFocus={() => setEditing(true)}
          onBlur={() => setEditing(false)}
          startAction={
            <Typography variant="pi" textColor="neutral600" aria-hidden>
              {currencySymbol(currency, locale)}
            </Typography>
          }
          endAction={
            <Typography variant="pi" textColor="neutral500">
              {currency}
            </Typography>
          }
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
);
MoneyInput.displayName = 'MoneyInput';

export default MoneyInput;
