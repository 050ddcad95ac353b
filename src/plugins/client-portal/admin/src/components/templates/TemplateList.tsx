import { EmptyStateLayout, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useTemplates } from '../../utils/estimate-api';
import { useLabel } from '../../utils/use-label';
import { TableHead } from '../TableHead';
import { QueryFallback } from '../QueryFallback';

/** The agency's project templates and what each starts a project with. */
export const TemplateList = () => {
  const { label } = useLabel();
  const templates = useTemplates();
  if (templates.isError || !templates.data) return <QueryFallback query={templates} />;
  const rows = templates.data.data;
  if (rows.length === 0) {
    return <EmptyStateLayout content={label('templates.empty', 'No templates yet: save one below.')} />;
  }
  return (
    <Table colCount={3} rowCount={rows.length + 1}>
      <TableHead
        columns={[
          ['templates.name', 'Name'],
          ['templates.tasks', 'Tasks'],
          ['templates.hiddenCount', 'Hidden from clients'],
        ]}
      />
      <Tbody>
        {rows.map((template) => (
          <Tr key={template.documentId}>
            <Td>
              <Typography fontWeight="semiBold">{template.name}</Typography>
              {template.description && (
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {template.description}
                </Typography>
              )}
            </Td>
            <Td>
              <Typography>{(template.tasks ?? []).map((task) => task.title).join(', ') || '—'}</Typography>
            </Td>
            <Td>
              <Typography>{(template.tasks ?? []).filter((task) => task.hiddenFromClients).length}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
