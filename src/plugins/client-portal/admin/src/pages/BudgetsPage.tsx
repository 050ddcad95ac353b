import { EmptyStateLayout, Typography } from '@strapi/design-system';
import { Page, useNotification } from '@strapi/strapi/admin';
import { BudgetCard } from '../components/BudgetCard';
import { Section } from '../components/Section';
import { useBudgetAccess, useSetAccess } from '../utils/api';
import { describeError } from '../utils/logic';
import { canSetClientAccess } from '../utils/money-logic';
import { useStaffSession } from '../utils/session';
import { useLabel } from '../utils/use-label';

/**
 * SPEC §9 Budgets: every budget the person may see, with burn chart, remaining,
 * forecast and the client-access switch; money only for financial viewers.
 */
export const BudgetsPage = () => {
  const { label } = useLabel();
  const { toggleNotification } = useNotification();
  const session = useStaffSession();
  const projects = useBudgetAccess();
  const setAccess = useSetAccess();
  if (projects.isLoading || session.isLoading) return <Page.Loading />;
  if (projects.isError || session.isError) return <Page.Error />;
  const money = Boolean(session.data?.capabilities.seeFinancials);
  const person = session.data?.person ?? null;
  const withBudgets = (projects.data ?? []).filter((project) => project.budgets.length > 0);

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
      {withBudgets.map((project) => (
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
    </>
  );
};
