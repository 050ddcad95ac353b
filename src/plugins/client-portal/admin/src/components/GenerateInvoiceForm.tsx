import { Box, Button, Checkbox, Field, Grid, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { useState, type FormEvent } from 'react';
import { useProjects } from '../utils/money-api';
import { generatePayload, isoDay, lastMonth } from '../utils/money-logic';
import type { ErrorMessages } from '../utils/field-error-logic';
import { useFieldErrors } from '../utils/use-field-errors';
import { usePortalAction } from '../utils/use-portal-action';
import { useLabel } from '../utils/use-label';

const ERRORS: ErrorMessages = {
  required: ['invoices.error.required', 'Choose a project'],
  date: ['invoices.error.date', 'Enter a date'],
  order: ['invoices.error.order', 'The end must not be before the start'],
  rate: ['invoices.error.rate', 'A percentage from 0 to 100, e.g. 19'],
};

/** Generate (docs/time-budgets-invoices.md#lifecycle): a draft from approved, billable, uninvoiced work of a project and period. */
export const GenerateInvoiceForm = ({ onGenerated }: { onGenerated: (documentId: string) => void }) => {
  const { label } = useLabel();
  const projects = useProjects();
  const write = usePortalAction();
  const [form, setForm] = useState(() => ({
    project: '',
    ...lastMonth(isoDay(Date.now())),
    grouping: 'task',
    taxRate: '19',
    includeExpenses: true,
  }));
  const { error, setErrors } = useFieldErrors(ERRORS);
  const set = (key: keyof typeof form, value: string | boolean) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = generatePayload(form);
    if (!payload.ok) return setErrors(payload.errors);
    setErrors({});
    await write.run(
      { path: '/invoices/generate', body: payload.body },
      label('invoices.generated', 'Draft created: check its lines'),
      (draft) => onGenerated(draft.data.documentId)
    );
  };

  return (
    <Box tag="form" onSubmit={submit} aria-label={label('invoices.generate', 'Generate an invoice')}>
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <Field.Root name="project" error={error('project')} required>
            <Field.Label>{label('invoices.project', 'Project')}</Field.Label>
            <SingleSelect
              value={form.project}
              placeholder={label('invoices.chooseProject', 'Choose a project')}
              onChange={(value) => set('project', String(value))}
            >
              {(projects.data?.data ?? []).map((project) => (
                <SingleSelectOption key={project.documentId} value={project.documentId}>
                  {project.company?.name ? `${project.name} — ${project.company.name}` : project.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
          <Field.Root name="from" error={error('from')} required>
            <Field.Label>{label('invoices.from', 'From')}</Field.Label>
            <TextInput type="date" value={form.from} onChange={(event) => set('from', event.target.value)} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
          <Field.Root name="to" error={error('to')} required>
            <Field.Label>{label('invoices.to', 'To')}</Field.Label>
            <TextInput type="date" value={form.to} onChange={(event) => set('to', event.target.value)} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
          <Field.Root name="grouping">
            <Field.Label>{label('invoices.grouping', 'Lines')}</Field.Label>
            <SingleSelect value={form.grouping} onChange={(value) => set('grouping', String(value))}>
              <SingleSelectOption value="task">{label('invoices.grouping.task', 'One per task')}</SingleSelectOption>
              <SingleSelectOption value="entry">{label('invoices.grouping.entry', 'One per entry')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
          <Field.Root name="taxRate" error={error('taxRate')}>
            <Field.Label>{label('invoices.taxRate', 'Tax rate (%)')}</Field.Label>
            <TextInput
              value={form.taxRate}
              inputMode="decimal"
              onChange={(event) => set('taxRate', event.target.value)}
            />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={6} s={12}>
          <Checkbox
            checked={form.includeExpenses}
            onCheckedChange={(checked) => set('includeExpenses', checked === true)}
          >
            {label('invoices.includeExpenses', 'Include approved billable expenses')}
          </Checkbox>
        </Grid.Item>
        <Grid.Item col={6} s={12} justifyContent="flex-end">
          <Button type="submit" loading={write.isLoading}>
            {label('invoices.preview', 'Create draft and preview')}
          </Button>
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
};
