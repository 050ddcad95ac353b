import { Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { Message } from '../utils/translations';
import { useLabel } from '../utils/use-label';

/** A column: its title's translation id and English fallback. */
export type Column = Message;

/** A table's header row of translated column titles, styled as the design system's tables are. */
export const TableHead = ({ columns }: { columns: readonly Column[] }) => {
  const { label } = useLabel();
  return (
    <Thead>
      <Tr>
        {columns.map(([id, fallback]) => (
          <Th key={id}>
            <Typography variant="sigma">{label(id, fallback)}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );
};
