import { Button, Field, SingleSelect, SingleSelectOption, Td, Tr, Typography } from '@strapi/design-system';
import { useCompanies, useInvoices } from '../utils/money-api';
import { formatDay, INVOICE_STATES } from '../utils/money-logic';
import { formatMoney } from '../utils/format';
import { ALL, useListFilters } from '../utils/use-list-filters';
import { useLabel } from '../utils/use-label';
import { FilteredTable, StateFilter } from './FilteredTable';
import { StateBadge } from './StateBadge';

const PAGE_SIZE = 10;

/** Invoices filterable by state and company, newest first, paged (docs/admin-panel.md#invoices). */
export const InvoiceList = ({ onOpen }: { onOpen: (documentId: string) => void }) => {
  const { label, locale } = useLabel();
  const { values, choose, chosen, page, setPage } = useListFilters(['state', 'company']);
  const companies = useCompanies();
  const invoices = useInvoices({ state: chosen('state'), company: chosen('company'), page, pageSize: PAGE_SIZE });

  return (
    <FilteredTable
      list={invoices}
      filters={
        <>
          <StateFilter
            name="state"
            states={INVOICE_STATES}
            prefix="invoices"
            value={values.state}
            onChange={choose('state')}
          />
          <Field.Root name="company">
            <Field.Label>{label('invoices.company', 'Company')}</Field.Label>
            <SingleSelect value={values.company} onChange={(value) => choose('company')(String(value))}>
              <SingleSelectOption value={ALL}>{label('invoices.allCompanies', 'All companies')}</SingleSelectOption>
              {(companies.data?.data ?? []).map((row) => (
                <SingleSelectOption key={row.documentId} value={row.documentId}>
                  {row.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </>
      }
      empty={label('invoices.empty', 'No invoices match these filters.')}
      columns={[
        ['invoices.number', 'Number'],
        ['invoices.company', 'Company'],
        ['invoices.project', 'Project'],
        ['invoices.state', 'State'],
        ['invoices.issuedOn', 'Issued'],
        ['invoices.total', 'Total'],
        ['people.actions', 'Actions'],
      ]}
      row={(invoice) => (
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
      )}
      onPage={setPage}
      pagesName={label('invoices.pages', 'Invoice pages')}
    />
  );
};
