import { EmptyStateLayout, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { UseQueryResult } from 'react-query';
import type { Page } from '../utils/money-api';
import { serverSlice } from '../utils/paging';
import type { Message } from '../utils/translations';
import { ALL } from '../utils/use-list-filters';
import { useLabel } from '../utils/use-label';
import { Pager } from './Pager';
import { QueryFallback } from './QueryFallback';
import { TableHead, type Column } from './TableHead';

interface Props<Row> {
  /** The filters above the table, e.g. a `StateFilter`. */
  filters: ReactNode;
  /** The server's page of rows under those filters. */
  list: UseQueryResult<Page<Row>>;
  columns: readonly Column[];
  /** A row's `<Tr>`, one cell a column. */
  row: (row: Row) => ReactNode;
  /** What an empty page says. */
  empty: string;
  onPage: (page: number) => void;
  /** The pager's accessible name, e.g. "Pages of estimates". */
  pagesName: string;
  /** "1–10 of 23 estimates" under the table; without it the pager shows only when there is more than one page. */
  range?: Message;
}

/** A server-paged list: its filters, then loading, the server's error, an empty state or the table, then the pager. */
export const FilteredTable = <Row,>({ filters, list, columns, row, empty, onPage, pagesName, range }: Props<Row>) => {
  const rows = list.data?.data ?? [];
  const pagination = list.data?.meta.pagination;
  const slice = pagination && serverSlice(rows, pagination);

  return (
    <>
      <Flex gap={4} marginBottom={4} alignItems="flex-end">
        {filters}
      </Flex>
      {list.isError || !list.data ? (
        <QueryFallback query={list} />
      ) : rows.length === 0 ? (
        <EmptyStateLayout content={empty} />
      ) : (
        <Table colCount={columns.length} rowCount={rows.length + 1}>
          <TableHead columns={columns} />
          <Tbody>{rows.map(row)}</Tbody>
        </Table>
      )}
      {slice && (range || slice.pageCount > 1) && (
        <Pager slice={slice} onPage={onPage} range={range} name={pagesName} />
      )}
    </>
  );
};

/** The state filter of a list: "All states" or one state, in words. */
export const StateFilter = ({
  name,
  states,
  prefix,
  value,
  onChange,
}: {
  /** The field's name (one per page). */
  name: string;
  states: readonly string[];
  /** Where the states' words are: `invoices.state.*` or `estimates.state.*`. */
  prefix: 'invoices' | 'estimates';
  value: string;
  onChange: (value: string) => void;
}) => {
  const { label } = useLabel();
  return (
    <Field.Root name={name}>
      <Field.Label>{label('invoices.state', 'State')}</Field.Label>
      <SingleSelect value={value} onChange={(chosen) => onChange(String(chosen))}>
        <SingleSelectOption value={ALL}>{label('invoices.allStates', 'All states')}</SingleSelectOption>
        {states.map((state) => (
          <SingleSelectOption key={state} value={state}>
            {label(`${prefix}.state.${state}`, state)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};
