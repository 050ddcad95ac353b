import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useState, type FormEvent } from 'react';
import { CompanyField } from '../CompanyField';
import { parseAmount } from '../MoneyInput/money';
import { useDefaultCurrency } from '../MoneyInput/useCurrency';
import {
  emptyLine,
  estimatePayload,
  estimateTotals,
  LINE_UNITS,
  lineAmount,
  parseQuantity,
  type EstimateForm as Form,
  type LineForm,
} from '../../utils/estimate-logic';
import { formatMoney } from '../../utils/format';
import { percentToBasisPoints } from '../../utils/money-logic';
import type { ErrorMessages } from '../../utils/field-error-logic';
import { useFieldErrors } from '../../utils/use-field-errors';
import { usePortalAction } from '../../utils/use-portal-action';
import { useLabel } from '../../utils/use-label';

const ERRORS: ErrorMessages = {
  required: ['estimates.error.required', 'Required'],
  date: ['invoices.error.date', 'Enter a date'],
  rate: ['invoices.error.rate', 'A percentage from 0 to 100, e.g. 19'],
  quantity: ['estimates.error.quantity', 'A number, e.g. 1.5'],
  amount: ['estimates.error.amount', 'An amount, e.g. 1,250.00'],
};

const blank = (): Form => ({ company: '', title: '', validUntil: '', taxRate: '19', note: '', lines: [emptyLine()] });

/** A new draft estimate: company, title, lines priced by the agency, tax, validity (docs/time-budgets-invoices.md#estimates). */
export const EstimateForm = ({ onCreated }: { onCreated: (documentId: string) => void }) => {
  const { label, locale } = useLabel();
  const currency = useDefaultCurrency() ?? 'EUR';
  const write = usePortalAction();
  const [form, setForm] = useState(blank);
  const { error, setErrors } = useFieldErrors(ERRORS);
  const set = (key: keyof Form, value: string) => setForm((current) => ({ ...current, [key]: value }));
  const setLine = (index: number, change: Partial<LineForm>) =>
    setForm((current) => ({
      ...current,
      lines: current.lines.map((line, at) => (at === index ? { ...line, ...change } : line)),
    }));
  const amounts = form.lines.map((line) =>
    lineAmount(parseQuantity(line.quantity) ?? 0, parseAmount(line.unitPrice, currency, locale) ?? 0)
  );
  const totals = estimateTotals(amounts, percentToBasisPoints(form.taxRate || '0') ?? 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = estimatePayload(form, currency, locale);
    if (!payload.ok) return setErrors(payload.errors);
    setErrors({});
    await write.run(
      { path: '/estimates', body: payload.body },
      label('estimates.created', 'Draft estimate saved'),
      (created) => {
        setForm(blank());
        onCreated(created.data.documentId);
      }
    );
  };

  return (
    <Box tag="form" onSubmit={submit} aria-label={label('estimates.new', 'New estimate')}>
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <CompanyField
            name="company"
            value={form.company}
            error={error('company')}
            onChange={(company) => set('company', company)}
          />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <Field.Root name="title" error={error('title')} required>
            <Field.Label>{label('estimates.titleField', 'Title')}</Field.Label>
            <TextInput value={form.title} onChange={(event) => set('title', event.target.value)} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
          <Field.Root name="validUntil" error={error('validUntil')}>
            <Field.Label>{label('estimates.validUntil', 'Valid until')}</Field.Label>
            <TextInput
              type="date"
              value={form.validUntil}
              onChange={(event) => set('validUntil', event.target.value)}
            />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
          <Field.Root name="estimateTaxRate" error={error('taxRate')}>
            <Field.Label>{label('invoices.taxRate', 'Tax rate (%)')}</Field.Label>
            <TextInput
              value={form.taxRate}
              inputMode="decimal"
              onChange={(event) => set('taxRate', event.target.value)}
            />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={4}>
        <Typography variant="sigma" tag="h3">
          {label('estimates.lines', 'Lines')}
        </Typography>
        {form.lines.map((line, index) => (
          <Flex key={index} gap={2} alignItems="flex-end" paddingTop={2} data-testid="estimate-line">
            <Box flex="3">
              <Field.Root name={`lines.${index}.description`} error={error(`lines.${index}.description`)}>
                <Field.Label>{label('estimates.description', 'Description')}</Field.Label>
                <TextInput
                  value={line.description}
                  onChange={(event) => setLine(index, { description: event.target.value })}
                />
                <Field.Error />
              </Field.Root>
            </Box>
            <Box flex="1">
              <Field.Root name={`lines.${index}.quantity`} error={error(`lines.${index}.quantity`)}>
                <Field.Label>{label('estimates.quantity', 'Quantity')}</Field.Label>
                <TextInput
                  value={line.quantity}
                  inputMode="decimal"
                  onChange={(event) => setLine(index, { quantity: event.target.value })}
                />
                <Field.Error />
              </Field.Root>
            </Box>
            <Box flex="1">
              <Field.Root name={`lines.${index}.unit`}>
                <Field.Label>{label('estimates.unit', 'Unit')}</Field.Label>
                <SingleSelect value={line.unit} onChange={(value) => setLine(index, { unit: String(value) })}>
                  {LINE_UNITS.map((unit) => (
                    <SingleSelectOption key={unit} value={unit}>
                      {label(`estimates.unit.${unit}`, unit)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            <Box flex="1">
              <Field.Root name={`lines.${index}.unitPrice`} error={error(`lines.${index}.unitPrice`)}>
                <Field.Label>{label('estimates.unitPrice', 'Unit price ({currency})', { currency })}</Field.Label>
                <TextInput
                  value={line.unitPrice}
                  inputMode="decimal"
                  onChange={(event) => setLine(index, { unitPrice: event.target.value })}
                />
                <Field.Error />
              </Field.Root>
            </Box>
            <Box flex="1" paddingBottom={2}>
              <Typography>{formatMoney(amounts[index], currency, locale)}</Typography>
            </Box>
            <IconButton
              label={label('estimates.removeLine', 'Remove line {number}', { number: index + 1 })}
              variant="ghost"
              disabled={form.lines.length === 1}
              onClick={() =>
                setForm((current) => ({ ...current, lines: current.lines.filter((_, at) => at !== index) }))
              }
            >
              <Trash />
            </IconButton>
          </Flex>
        ))}
        <Flex justifyContent="space-between" paddingTop={2}>
          <Button
            variant="tertiary"
            startIcon={<Plus />}
            onClick={() => setForm((current) => ({ ...current, lines: [...current.lines, emptyLine()] }))}
          >
            {label('estimates.addLine', 'Add a line')}
          </Button>
          <Typography fontWeight="semiBold" data-testid="estimate-form-total">
            {label('estimates.formTotals', 'Subtotal {subtotal} · tax {tax} · total {total}', {
              subtotal: formatMoney(totals.subtotalCents, currency, locale),
              tax: formatMoney(totals.taxCents, currency, locale),
              total: formatMoney(totals.totalCents, currency, locale),
            })}
          </Typography>
        </Flex>
      </Box>
      <Box paddingTop={4}>
        <Field.Root name="note">
          <Field.Label>{label('estimates.note', 'Note for the client')}</Field.Label>
          <Textarea value={form.note} onChange={(event) => set('note', event.target.value)} />
        </Field.Root>
      </Box>
      <Flex justifyContent="flex-end" paddingTop={4}>
        <Button type="submit" loading={write.isLoading}>
          {label('estimates.saveDraft', 'Save draft')}
        </Button>
      </Flex>
    </Box>
  );
};
