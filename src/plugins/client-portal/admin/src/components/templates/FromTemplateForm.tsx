import { Box, Button, Field, Grid, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { useState, type FormEvent } from 'react';
import { useTemplates } from '../../utils/estimate-api';
import { fromTemplatePayload } from '../../utils/estimate-logic';
import { isoDay } from '../../utils/money-logic';
import type { ErrorMessages } from '../../utils/field-error-logic';
import { useFieldErrors } from '../../utils/use-field-errors';
import { usePortalAction } from '../../utils/use-portal-action';
import { useLabel } from '../../utils/use-label';
import { CompanyField } from '../CompanyField';

const ERRORS: ErrorMessages = {
  required: ['estimates.error.required', 'Required'],
  date: ['invoices.error.date', 'Enter a date'],
};

/** A new project from a template (`POST /api/projects/from-template`): its tasks fall due from the start day. */
export const FromTemplateForm = () => {
  const { label } = useLabel();
  const templates = useTemplates();
  const write = usePortalAction();
  const [form, setForm] = useState(() => ({ template: '', name: '', company: '', startsOn: isoDay(Date.now()) }));
  const { error, setErrors } = useFieldErrors(ERRORS);
  const set = (key: keyof typeof form, value: string) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = fromTemplatePayload(form);
    if (!payload.ok) return setErrors(payload.errors);
    setErrors({});
    await write.run(
      { path: '/projects/from-template', body: payload.body },
      label('templates.projectCreated', 'Project "{name}" created', { name: payload.body.name }),
      () => setForm((current) => ({ ...current, name: '' }))
    );
  };

  return (
    <Box tag="form" onSubmit={submit} aria-label={label('templates.useTemplate', 'New project from a template')}>
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <Field.Root name="fromTemplate" error={error('template')} required>
            <Field.Label>{label('estimates.template', 'Project template')}</Field.Label>
            <SingleSelect
              value={form.template}
              placeholder={label('templates.chooseTemplate', 'Choose a template')}
              onChange={(value) => set('template', String(value))}
            >
              {(templates.data?.data ?? []).map((template) => (
                <SingleSelectOption key={template.documentId} value={template.documentId}>
                  {template.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <Field.Root name="projectName" error={error('name')} required>
            <Field.Label>{label('templates.projectName', 'Project name')}</Field.Label>
            <TextInput value={form.name} onChange={(event) => set('name', event.target.value)} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <CompanyField
            name="projectCompany"
            value={form.company}
            error={error('company')}
            onChange={(company) => set('company', company)}
          />
        </Grid.Item>
        <Grid.Item col={2} s={6} direction="column" alignItems="stretch">
          <Field.Root name="startsOn" error={error('startsOn')} required>
            <Field.Label>{label('templates.startsOn', 'Starts on')}</Field.Label>
            <TextInput type="date" value={form.startsOn} onChange={(event) => set('startsOn', event.target.value)} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={1} s={6} alignItems="flex-end">
          <Button type="submit" loading={write.isLoading}>
            {label('templates.create', 'Create')}
          </Button>
        </Grid.Item>
      </Grid.Root>
    </Box>
  );
};
