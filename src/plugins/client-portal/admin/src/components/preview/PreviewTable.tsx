import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Column, Row } from '../../utils/preview-logic';

/** Rows of a replayed list, one column per field the client got. */
export const PreviewTable = ({ label, columns, rows }: { label: string; columns: Column[]; rows: Row[] }) => (
  <Table colCount={columns.length} rowCount={rows.length + 1} aria-label={label}>
    <Thead>
      <Tr>
        {columns.map((column) => (
          <Th key={column.id}>
            <Typography variant="sigma">{column.header}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
    <Tbody>
      {rows.map((row, index) => (
        <Tr key={String(row.documentId ?? index)}>
          {columns.map((column) => (
            <Td key={column.id}>
              <Typography textColor="neutral800">{column.cell(row)}</Typography>
            </Td>
          ))}
        </Tr>
      ))}
    </Tbody>
  </Table>
);
