import { Alert, Box, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useMemo, useState } from 'react';
import { BudgetSection } from '../components/preview/BudgetSection';
import { ClientPicker } from '../components/preview/ClientPicker';
import { ListSection } from '../components/preview/ListSection';
import { ProjectSection } from '../components/preview/ProjectSection';
import { Section } from '../components/Section';
import { usePeople, usePreview } from '../utils/api';
import { displayName, previewPaths, type PreviewSectionName } from '../utils/logic';
import {
  allSucceeded,
  discussionColumns,
  documentColumns,
  expenseColumns,
  invoiceColumns,
  outcomeOf,
  rowsOf,
  summaryPath,
  taskColumns,
  timeColumns,
  type Column,
  type Format,
  type PreviewOutcome,
  type Row,
} from '../utils/preview-logic';
import { useLabel } from '../utils/use-label';

type Columns = (rows: Row[], format: Format) => Column[];

/** The list sections below the project and budgets: title, empty text, columns. */
const LISTS: [PreviewSectionName, string, string, string, Columns][] = [
  ['tasks', 'preview.tasks', 'Tasks', 'No task is visible.', taskColumns],
  ['discussions', 'preview.discussions', 'Discussions', 'No discussion is visible.', discussionColumns],
  ['documents', 'preview.documents', 'Documents', 'No document is visible.', documentColumns],
  ['time', 'preview.time', 'Time', 'No time is shown.', timeColumns],
  ['expenses', 'preview.expenses', 'Expenses', 'No expense is shown.', expenseColumns],
  ['invoices', 'preview.invoices', 'Invoices', 'No invoice is visible.', invoiceColumns],
];

/**
 * View as client (docs/admin-panel.md#view-as-client): every section is a GET replayed as the chosen client through
 * the preview route; what comes back is shown, a refusal is shown as an error.
 */
export const PreviewPage = () => {
  const { label } = useLabel();
  const people = usePeople();
  const [clientId, setClientId] = useState<number | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const clients = (people.data ?? []).filter((person) => person.role === 'client' || person.role === 'client-plus');
  const client = clients.find((person) => person.id === clientId) ?? null;

  const paths = useMemo(() => (projectId ? previewPaths(projectId) : null), [projectId]);
  const names = paths ? (Object.keys(paths) as PreviewSectionName[]) : [];
  const queries = usePreview(client ? clientId : null, paths ? Object.values(paths) : []);
  const outcomes = Object.fromEntries(names.map((name, index) => [name, outcomeOf(queries[index] ?? {})])) as Record<
    PreviewSectionName,
    PreviewOutcome | 'loading'
  >;

  const budgets = outcomes.budgets && outcomes.budgets !== 'loading' ? rowsOf(outcomes.budgets) : [];
  const budgetIds = budgets.map((budget) => String(budget.documentId));
  const summaryQueries = usePreview(client ? clientId : null, budgetIds.map(summaryPath));
  const summaries = Object.fromEntries(budgetIds.map((id, index) => [id, outcomeOf(summaryQueries[index] ?? {})]));

  if (people.isLoading) return <Page.Loading />;
  if (people.isError) return <Page.Error />;

  const everything = [...Object.values(outcomes), ...Object.values(summaries)];
  const clientName = client ? displayName(client) : '';

  return (
    <>
      <Section title={label('preview.choose', 'Choose a client and a project')}>
        <ClientPicker
          clients={clients}
          clientId={clientId}
          projectId={projectId}
          onClient={(id) => {
            setClientId(id);
            setProjectId(null);
          }}
          onProject={setProjectId}
        />
        {clients.length === 0 && (
          <Box paddingTop={4}>
            <Typography textColor="neutral600">
              {label('preview.noClients', 'There is no client to look through.')}
            </Typography>
          </Box>
        )}
      </Section>
      {client && paths && (
        <Box aria-label={label('preview.clientView', 'Client view')}>
          {allSucceeded(everything) && (
            <Box marginBottom={4}>
              <Alert
                variant="default"
                title={label('preview.as', 'Seen as')}
                closeLabel={label('common.close', 'Close')}
              >
                {`${clientName} — ${label('preview.exact', 'exactly what the API returns to this person')}`}
              </Alert>
            </Box>
          )}
          <ProjectSection outcome={outcomes.project} clientName={clientName} />
          <BudgetSection outcome={outcomes.budgets} summaries={summaries} />
          {LISTS.map(([name, id, title, empty, columns]) => (
            <ListSection
              key={name}
              title={label(id, title)}
              empty={label(`preview.empty.${name}`, empty)}
              outcome={outcomes[name]}
              columns={columns}
            />
          ))}
        </Box>
      )}
    </>
  );
};
