import { Button, Field, Flex, TextInput } from '@strapi/design-system';
import { useState } from 'react';
import type { Invoice } from '../utils/money-api';
import { percentToBasisPoints } from '../utils/money-logic';
import { useLabel } from '../utils/use-label';
import { usePortalAction } from '../utils/use-portal-action';

/** Edits a draft's due date and tax rate (PUT /api/invoices/:documentId, drafts only). */
export const DraftEditor = ({ invoice }: { invoice: Invoice }) => {
  const { label } = useLabel();
  const write = usePortalAction();
  const [dueOn, setDueOn] = useState(invoice.dueOn ?? '');
  const [taxRate, setTaxRate] = useState(String(invoice.taxRateBasisPoints / 100));
  const basisPoints = percentToBasisPoints(taxRate);

  const save = async () => {
    if (basisPoints === null) return;
    await write.run(
      {
        path: `/invoices/${invoice.documentId}`,
        method: 'PUT',
        // The server recounts the totals from the lines at the new rate.
        body: { data: { dueOn: dueOn || null, taxRateBasisPoints: basisPoints } },
      },
      label('invoices.saved', 'Draft saved')
    );
  };

  return (
    <Flex gap={4} alignItems="flex-end" paddingTop={4} paddingBottom={4}>
      <Field.Root name="dueOn">
        <Field.Label>{label('invoices.dueOn', 'Due on')}</Field.Label>
        <TextInput type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
      </Field.Root>
      <Field.Root
        name="draftTaxRate"
        error={basisPoints === null ? label('invoices.error.rate', 'A percentage from 0 to 100, e.g. 19') : undefined}
      >
        <Field.Label>{label('invoices.taxRate', 'Tax rate (%)')}</Field.Label>
        <TextInput value={taxRate} inputMode="decimal" onChange={(event) => setTaxRate(event.target.value)} />
        <Field.Error />
      </Field.Root>
      <Button variant="secondary" onClick={save} loading={write.isLoading} disabled={basisPoints === null}>
        {label('invoices.saveDraft', 'Save draft')}
      </Button>
    </Flex>
  );
};
