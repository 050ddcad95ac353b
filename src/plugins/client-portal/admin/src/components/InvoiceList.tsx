import {
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  Loader,
  NextLink,
  PageLink,
  Pagination,
  PreviousLink,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useState } from 'react';
import { messageOf, useCompanies, useInvoices } from '../utils/money-api';
import { formatDay, INVOICE_STATES } from '../utils/money-logic';
import { formatMoney } from '../utils/format';
import { useLabel } from '../utils/use-label';
import { StateBadge } from './StateBadge';
import { TableHead } from './TableHead';

const PAGE_SIZE = 10;
const ALL = 'all';

/** Invoices filterable by state and company, newest first, paged (docs/admin-panel.md#invoices). */
export const InvoiceList = ({ onOpen }: { onOpen: (documentId: string) => void }) => {
  const { label, locale } = useLabel();
  const [state, setState] = useState(ALL);
  const [company, setCompany] = useState(ALL);
  const [page, setPage] = useState(1);
  const companies = useCompanies();
  const invoices = useInvoices({
    state: state === ALL ? null : state,
    company: company === ALL ? null : company,
    page,
    pageSize: PAGE_SIZE,
  });
  const rows = invoices.data?.data ?? [];
  const pageCount = invoices.data?.meta.pagination.pageCount ?? 1;
  const filter = (set: (value: string) => void) => (value: string | number) => {
    set(String(value));
    setPage(1);
  };

  return (
    <>
      <Flex gap={4} marginBottom={4} alignItems="flex-end">
        <Field.Root name="state">
          <Field.Label>{label('invoices.state', 'State')}</Field.Label>
          <SingleSelect value={state} onChange={filter(setState)}>
            <SingleSelectOption value={ALL}>{label('invoices.allStates', 'All states')}</SingleSelectOption>
            {INVOICE_STATES.map((value) => (
              <SingleSelectOption key={value} value={value}>
                {label(`invoices.state.${value}`, value)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="company">
          <Field.Label>{label('invoices.company', 'Company')}</Field.Label>
          <SingleSelect value={company} onChange={filter(setCompany)}>
            <SingleSelectOption value={ALL}>{label('invoices.allCompanies', 'All companies')}</SingleSelectOption>
            {(companies.data?.data ?? []).map((row) => (
              <SingleSelectOption key={row.documentId} value={row.documentId}>
                {row.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Flex>
      {invoices.isLoading || invoices.isIdle ? (
        <Loader>{label('common.loading', 'Loading')}</Loader>
      ) : invoices.isError ? (
        <Typography textColor="danger600" role="alert">
          {messageOf(invoices.error)}
        </Typography>
      ) : rows.length === 0 ? (
        <EmptyStateLayout content={label('invoices.empty', 'No invoices match these filters.')} />
      ) : (
        <Table colCount={7} rowCount={rows.length + 1}>
          <TableHead
            columns={[
              ['invoices.number', 'Number'],
              ['invoices.company', 'Company'],
              ['invoices.project', 'Project'],
              ['invoices.state', 'State'],
              ['invoices.issuedOn', 'Issued'],
              ['invoices.total', 'Total'],
              ['people.actions', 'Actions'],
            ]}
          />
          <Tbody>
            {rows.map((invoice) => (
              <Tr key={invoice.documentId}>
                <Td>
                  <Typography fontWeight="semiBold">
                    {invoice.number ??
                      (invoice.state === 'draft'
                        ? label('invoices.draft', 'Draft')
                        : label('invoices.noNumber', 'No number'))}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{invoice.company?.name ?? '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{invoice.project?.name ?? '—'}</Typography>
                </Td>
                <Td>
                  <StateBadge state={invoice.state} />
                </Td>
                <Td>
                  <Typography>{formatDay(invoice.issuedOn, locale)}</Typography>
                </Td>
                <Td>
                  <Typography>{formatMoney(invoice.totalCents, invoice.currency, locale)}</Typography>
                </Td>
                <Td>
                  <Button size="S" variant="secondary" onClick={() => onOpen(invoice.documentId)}>
                    {label('invoices.open', 'Open')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {pageCount > 1 && (
        <Flex justifyContent="flex-end" paddingTop={4}>
          <Pagination activePage={page} pageCount={pageCount} label={label('invoices.pages', 'Invoice pages')}>
            <PreviousLink tag="button" type="button" onClick={() => setPage(Math.max(1, page - 1))}>
              {label('invoices.previous', 'Previous page')}
            </PreviousLink>
            {Array.from({ length: pageCount }, (_, index) => index + 1).map((number) => (
              <PageLink key={number} number={number} tag="button" type="button" onClick={() => setPage(number)}>
                {label('invoices.page', 'Page {number}', { number })}
              </PageLink>
            ))}
            <NextLink tag="button" type="button" onClick={() => setPage(Math.min(pageCount, page + 1))}>
              {label('invoices.next', 'Next page')}
            </NextLink>
          </Pagination>
        </Flex>
      )}
    </>
  );
};
