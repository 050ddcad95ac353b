import { Box, Button, Checkbox, Field, Flex, Grid, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useState, type FormEvent } from 'react';
import { emptyTemplateTask, templatePayload, type TemplateTaskForm } from '../../utils/estimate-logic';
import type { ErrorMessages } from '../../utils/field-error-logic';
import { useFieldErrors } from '../../utils/use-field-errors';
import { usePortalAction } from '../../utils/use-portal-action';
import { useLabel } from '../../utils/use-label';

const ERRORS: ErrorMessages = {
  required: ['estimates.error.required', 'Required'],
  whole: ['templates.error.whole', 'A whole number'],
};

const blank = () => ({ name: '', description: '', tasks: [emptyTemplateTask()] });

/** A new project template: its name and the tasks every project made from it starts with. */
export const TemplateForm = () => {
  const { label } = useLabel();
  const write = usePortalAction();
  const [form, setForm] = useState(blank);
  const { error, setErrors } = useFieldErrors(ERRORS);
  const setTask = (index: number, change: Partial<TemplateTaskForm>) =>
    setForm((current) => ({
      ...current,
      tasks: current.tasks.map((task, at) => (at === index ? { ...task, ...change } : task)),
    }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = templatePayload(form);
    if (!payload.ok) return setErrors(payload.errors);
    setErrors({});
    await write.run(
      { path: '/project-templates', body: payload.body },
      label('templates.created', 'Template saved'),
      () => setForm(blank())
    );
  };

  return (
    <Box tag="form" onSubmit={submit} aria-label={label('templates.new', 'New template')}>
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <Field.Root name="templateName" error={error('name')} required>
            <Field.Label>{label('templates.name', 'Name')}</Field.Label>
            <TextInput value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
          <Field.Root name="templateDescription">
            <Field.Label>{label('templates.description', 'Description')}</Field.Label>
            <TextInput
              value={form.description}
              onChange={(event) => setForm({ ...form, description: event.target.value })}
            />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={4}>
        <Typography variant="sigma" tag="h3">
          {label('templates.tasks', 'Tasks')}
        </Typography>
        {form.tasks.map((task, index) => (
          <Flex key={index} gap={2} alignItems="flex-end" paddingTop={2} data-testid="template-task">
            <Box flex="3">
              <Field.Root name={`tasks.${index}.title`} error={error(`tasks.${index}.title`)}>
                <Field.Label>{label('templates.taskTitle', 'Task')}</Field.Label>
                <TextInput value={task.title} onChange={(event) => setTask(index, { title: event.target.value })} />
                <Field.Error />
              </Field.Root>
            </Box>
            <Box flex="1">
              <Field.Root name={`tasks.${index}.estimateMinutes`} error={error(`tasks.${index}.estimateMinutes`)}>
                <Field.Label>{label('templates.estimateMinutes', 'Estimate (minutes)')}</Field.Label>
                <TextInput
                  value={task.estimateMinutes}
                  inputMode="numeric"
                  onChange={(event) => setTask(index, { estimateMinutes: event.target.value })}
                />
                <Field.Error />
              </Field.Root>
            </Box>
            <Box flex="1">
              <Field.Root name={`tasks.${index}.dueAfterDays`} error={error(`tasks.${index}.dueAfterDays`)}>
                <Field.Label>{label('templates.dueAfterDays', 'Due after (days)')}</Field.Label>
                <TextInput
                  value={task.dueAfterDays}
                  inputMode="numeric"
                  onChange={(event) => setTask(index, { dueAfterDays: event.target.value })}
                />
                <Field.Error />
              </Field.Root>
            </Box>
            <Box flex="1" paddingBottom={2}>
              <Checkbox
                checked={task.hiddenFromClients}
                onCheckedChange={(checked) => setTask(index, { hiddenFromClients: checked === true })}
              >
                {label('templates.hidden', 'Hidden from clients')}
              </Checkbox>
            </Box>
            <IconButton
              label={label('templates.removeTask', 'Remove task {number}', { number: index + 1 })}
              variant="ghost"
              onClick={() =>
                setForm((current) => ({ ...current, tasks: current.tasks.filter((_, at) => at !== index) }))
              }
            >
              <Trash />
            </IconButton>
          </Flex>
        ))}
        <Flex justifyContent="space-between" paddingTop={4}>
          <Button
            variant="tertiary"
            startIcon={<Plus />}
            onClick={() => setForm((current) => ({ ...current, tasks: [...current.tasks, emptyTemplateTask()] }))}
          >
            {label('templates.addTask', 'Add a task')}
          </Button>
          <Button type="submit" loading={write.isLoading}>
            {label('templates.save', 'Save template')}
          </Button>
        </Flex>
      </Box>
    </Box>
  );
};
