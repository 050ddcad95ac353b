import { Alert, Box, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Section } from '../components/Section';
import { usePeople, usePreview } from '../utils/api';
import { displayName, money, previewPaths } from '../utils/logic';
import { getTranslation } from '../utils/translations';

type Row = Record<string, unknown> & { documentId: string };

const listOf = (response: { data?: unknown } | undefined): Row[] =>
  Array.isArray(response?.data) ? (response.data as Row[]) : [];

/** SPEC §9 "view as client": what the chosen client receives from the API, nothing more. */
export const PreviewPage = () => {
  const { formatMessage } = useIntl();
  const people = usePeople();
  const [clientId, setClientId] = useState<number | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const clients = (people.data ?? []).filter((person) => person.role === 'client' || person.role === 'client-plus');
  const client = clients.find((person) => person.id === clientId) ?? null;
  const preview = usePreview(clientId, projectId ? previewPaths(projectId) : null);
  const label = (id: string, fallback: string) => formatMessage({ id: getTranslation(id), defaultMessage: fallback });
  if (people.isLoading) return <Page.Loading />;

  const project = preview.data?.project?.data as Row | undefined;
  return (
    <>
      <Section title={label('preview.choose', 'Choose a client and a project')}>
        <Flex gap={4} alignItems="flex-end">
          <Field.Root name="client">
            <Field.Label>{label('preview.client', 'Client')}</Field.Label>
            <SingleSelect
              value={clientId === null ? undefined : String(clientId)}
              onChange={(value) => {
                setClientId(Number(value));
                setProjectId(null);
              }}
            >
              {clients.map((person) => (
                <SingleSelectOption key={person.id} value={String(person.id)}>
                  {`${displayName(person)} (${person.roleLabel}, ${person.company?.name ?? '—'})`}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root name="project">
            <Field.Label>{label('preview.project', 'Project')}</Field.Label>
            <SingleSelect
              disabled={!client}
              value={projectId ?? undefined}
              onChange={(value) => setProjectId(String(value))}
            >
              {(client?.projects ?? []).map((option) => (
                <SingleSelectOption key={option.documentId} value={option.documentId}>
                  {option.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Flex>
      </Section>
      {preview.isLoading && <Page.Loading />}
      {preview.data && client && (
        <Box aria-label="Client view">
          <Box marginBottom={4}>
            <Alert variant="default" title={label('preview.as', 'Seen as')} closeLabel="Close">
              {`${displayName(client)} — ${label('preview.exact', 'exactly what the API returns to this person')}`}
            </Alert>
          </Box>
          <Section title={String(project?.name ?? label('preview.noProject', 'Project not visible'))}>
            <Typography tag="p">{String(project?.description ?? '')}</Typography>
          </Section>
          <Section title={label('preview.tasks', 'Tasks')}>
            {listOf(preview.data.tasks).map((task) => (
              <Typography key={task.documentId} tag="p">
                {`${String(task.title)} — ${String(task.state)}`}
                {typeof task.estimateMinutes === 'number' ? ` (${task.estimateMinutes} min)` : ''}
              </Typography>
            ))}
          </Section>
          <Section title={label('preview.budgets', 'Budgets')}>
            {listOf(preview.data.budgets).length === 0 && (
              <Typography>{label('preview.noBudgets', 'No budget is shared.')}</Typography>
            )}
            {listOf(preview.data.budgets).map((budget) => (
              <Typography key={budget.documentId} tag="p">
                {`${String(budget.name)}: ${money(Number(budget.amountCents), String(budget.currency))}`}
              </Typography>
            ))}
          </Section>
          <Section title={label('preview.time', 'Time')}>
            {listOf(preview.data.time).length === 0 && (
              <Typography>{label('preview.noTime', 'No time is shown.')}</Typography>
            )}
            {listOf(preview.data.time).map((entry) => (
              <Typography key={entry.documentId} tag="p">
                {`${String(entry.date)} — ${String(entry.minutes)} min${entry.note ? ` — ${String(entry.note)}` : ''}`}
              </Typography>
            ))}
          </Section>
        </Box>
      )}
    </>
  );
};
