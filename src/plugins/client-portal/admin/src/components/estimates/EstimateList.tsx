import { Button, Td, Tr, Typography } from '@strapi/design-system';
import { useEstimates } from '../../utils/estimate-api';
import { ESTIMATE_STATES } from '../../utils/estimate-logic';
import { formatMoney } from '../../utils/format';
import { formatDay } from '../../utils/money-logic';
import { useListFilters } from '../../utils/use-list-filters';
import { useLabel } from '../../utils/use-label';
import { FilteredTable, StateFilter } from '../FilteredTable';
import { StateBadge } from '../StateBadge';

const PAGE_SIZE = 10;

/** Estimates by state, newest first, paged. */
export const EstimateList = ({ onOpen }: { onOpen: (documentId: string) => void }) => {
  const { label, locale } = useLabel();
  const { values, choose, chosen, page, setPage } = useListFilters(['state']);
  const estimates = useEstimates({ state: chosen('state'), page, pageSize: PAGE_SIZE });

  return (
    <FilteredTable
      list={estimates}
      filters={
        <StateFilter
          name="estimateState"
          states={ESTIMATE_STATES}
          prefix="estimates"
          value={values.state}
          onChange={choose('state')}
        />
      }
      empty={label('estimates.empty', 'No estimates match this filter.')}
      columns={[
        ['invoices.number', 'Number'],
        ['estimates.titleField', 'Title'],
        ['invoices.company', 'Company'],
        ['invoices.state', 'State'],
        ['estimates.validUntil', 'Valid until'],
        ['invoices.total', 'Total'],
        ['people.actions', 'Actions'],
      ]}
      row={(estimate) => (
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
      )}
      onPage={setPage}
      range={['estimates.range', '{from}–{to} of {total} estimates']}
      pagesName={label('estimates.pages', 'Pages of estimates')}
    />
  );
};
