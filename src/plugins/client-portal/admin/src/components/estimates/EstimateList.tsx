import {
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useState } from 'react';
import { useEstimates } from '../../utils/estimate-api';
import { ESTIMATE_STATES } from '../../utils/estimate-logic';
import { formatMoney } from '../../utils/format';
import { messageOf } from '../../utils/money-api';
import { formatDay } from '../../utils/money-logic';
import { useLabel } from '../../utils/use-label';
import { Pager } from '../Pager';
import { StateBadge } from '../StateBadge';
import { TableHead } from '../TableHead';

const PAGE_SIZE = 10;
const ALL = 'all';

/** Estimates by state, newest first, paged. */
export const EstimateList = ({ onOpen }: { onOpen: (documentId: string) => void }) => {
  const { label, locale } = useLabel();
  const [state, setState] = useState(ALL);
  const [page, setPage] = useState(1);
  const estimates = useEstimates({ state: state === ALL ? null : state, page, pageSize: PAGE_SIZE });
  const rows = estimates.data?.data ?? [];
  const pagination = estimates.data?.meta.pagination;

  return (
    <>
      <Flex gap={4} marginBottom={4} alignItems="flex-end">
        <Field.Root name="estimateState">
          <Field.Label>{label('invoices.state', 'State')}</Field.Label>
          <SingleSelect
            value={state}
            onChange={(value) => {
              setState(String(value));
              setPage(1);
            }}
          >
            <SingleSelectOption value={ALL}>{label('invoices.allStates', 'All states')}</SingleSelectOption>
            {ESTIMATE_STATES.map((value) => (
              <SingleSelectOption key={value} value={value}>
                {label(`estimates.state.${value}`, value)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Flex>
      {estimates.isLoading || estimates.isIdle ? (
        <Loader>{label('common.loading', 'Loading')}</Loader>
      ) : estimates.isError ? (
        <Typography textColor="danger600" role="alert">
          {messageOf(estimates.error)}
        </Typography>
      ) : rows.length === 0 ? (
        <EmptyStateLayout content={label('estimates.empty', 'No estimates match this filter.')} />
      ) : (
        <Table colCount={7} rowCount={rows.length + 1}>
          <TableHead
            columns={[
              ['invoices.number', 'Number'],
              ['estimates.titleField', 'Title'],
              ['invoices.company', 'Company'],
              ['invoices.state', 'State'],
              ['estimates.validUntil', 'Valid until'],
              ['invoices.total', 'Total'],
              ['people.actions', 'Actions'],
            ]}
          />
          <Tbody>
            {rows.map((estimate) => (
              <Tr key={estimate.documentId}>
                <Td>
                  <Typography fontWeight="semiBold">{estimate.number ?? label('invoices.draft', 'Draft')}</Typography>
                </Td>
                <Td>
                  <Typography>{estimate.title}</Typography>
                </Td>
                <Td>
                  <Typography>{estimate.company?.name ?? '—'}</Typography>
                </Td>
                <Td>
                  <StateBadge state={estimate.state} prefix="estimates" />
                </Td>
                <Td>
                  <Typography>{formatDay(estimate.validUntil, locale)}</Typography>
                </Td>
                <Td>
                  <Typography>{formatMoney(estimate.totalCents, estimate.currency, locale)}</Typography>
                </Td>
                <Td>
                  <Button size="S" variant="secondary" onClick={() => onOpen(estimate.documentId)}>
                    {label('invoices.open', 'Open')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {pagination && (
        <Pager
          slice={{
            rows,
            page: pagination.page,
            pageCount: pagination.pageCount,
            from: rows.length > 0 ? (pagination.page - 1) * pagination.pageSize + 1 : 0,
            to: (pagination.page - 1) * pagination.pageSize + rows.length,
            total: pagination.total,
          }}
          onPage={setPage}
          range={label('estimates.range', '{from}–{to} of {total} estimates', {
            from: rows.length > 0 ? (pagination.page - 1) * pagination.pageSize + 1 : 0,
            to: (pagination.page - 1) * pagination.pageSize + rows.length,
            total: pagination.total,
          })}
          name={label('estimates.pages', 'Pages of estimates')}
        />
      )}
    </>
  );
};
