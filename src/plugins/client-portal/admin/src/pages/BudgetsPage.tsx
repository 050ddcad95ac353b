import { Box, EmptyStateLayout, Searchbar, Typography } from '@strapi/design-system';
import { Page, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { BudgetCard } from '../components/BudgetCard';
import { Pager } from '../components/Pager';
import { Section } from '../components/Section';
import { useBudgetAccess, useSetAccess } from '../utils/api';
import { describeError } from '../utils/logic';
import { BUDGET_PROJECTS_PAGE_SIZE, canSetClientAccess, searchBudgets } from '../utils/money-logic';
import { paginate } from '../utils/paging';
import { useStaffSession } from '../utils/session';
import { useLabel } from '../utils/use-label';

/**
 * Budgets (docs/admin-panel.md#budgets): every budget the person may see, with burn chart, remaining,
 * forecast and the client-access switch; money only for financial viewers.
 */
export const BudgetsPage = () => {
  const { label } = useLabel();
  const { toggleNotification } = useNotification();
  const session = useStaffSession();
  const projects = useBudgetAccess();
  const setAccess = useSetAccess();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  if (projects.isLoading || session.isLoading) return <Page.Loading />;
  if (projects.isError || session.isError) return <Page.Error />;
  const money = Boolean(session.data?.capabilities.seeFinancials);
  const person = session.data?.person ?? null;
  const withBudgets = (projects.data ?? []).filter((project) => project.budgets.length > 0);
  const slice = paginate(searchBudgets(withBudgets, query), page, BUDGET_PROJECTS_PAGE_SIZE);
  const search = (text: string) => {
    setQuery(text);
    setPage(1);
  };

  const toggle = async (documentId: string, clientAccess: boolean) => {
    try {
      await setAccess.mutateAsync({ documentId, clientAccess });
      toggleNotification({
        type: 'success',
        message: clientAccess
          ? label('money.access.on', 'Clients now see this budget')
          : label('money.access.off', 'Clients no longer see this budget'),
      });
    } catch (error) {
      toggleNotification({ type: 'danger', message: describeError(error).message });
    }
  };

  if (withBudgets.length === 0) {
    return <EmptyStateLayout content={label('money.budgets.empty', 'No budgets on the projects you can see.')} />;
  }

  return (
    <>
      {!money && (
        <Typography tag="p" variant="pi" textColor="neutral600" paddingBottom={4}>
          {label('money.noFinancials', 'Amounts are shown to Owners and Member+ with finances only.')}
        </Typography>
      )}
      <Box paddingBottom={4} maxWidth="40rem">
        <Searchbar
          name="budget-search"
          value={query}
          placeholder={label('budgets.search', 'Search projects, companies and budgets')}
          onChange={(event) => search(event.target.value)}
          onClear={() => search('')}
          clearLabel={label('people.clearSearch', 'Clear the search')}
        >
          {label('budgets.search', 'Search projects, companies and budgets')}
        </Searchbar>
      </Box>
      {slice.total === 0 && <EmptyStateLayout content={label('budgets.noMatch', 'No budget matches this search.')} />}
      {slice.rows.map((project) => (
        <Section key={project.documentId} title={`${project.name}${project.company ? ` — ${project.company}` : ''}`}>
          <Typography tag="p" variant="pi" textColor="neutral600" paddingBottom={4}>
            {project.clientManagers.length
              ? label('budgets.reaches', 'Client access reaches: {names}', {
                  names: project.clientManagers.map((manager) => manager.name).join(', '),
                })
              : label('budgets.nobody', 'No Client Manager is a member of this project: client access reaches nobody.')}
          </Typography>
          {project.budgets.map((budget) => (
            <BudgetCard
              key={budget.documentId}
              budget={budget}
              money={money}
              canToggle={canSetClientAccess(person, project.leaderId)}
              onToggle={toggle}
            />
          ))}
        </Section>
      ))}
      <Pager
        slice={slice}
        onPage={setPage}
        testId="budgets-range"
        name={label('budgets.pages', 'Pages of projects')}
        range={['budgets.range', '{from}–{to} of {total, plural, one {# project} other {# projects}}']}
      />
    </>
  );
};
