import { Flex, Switch, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Section } from '../components/Section';
import { useBudgetAccess, useSetAccess } from '../utils/api';
import { describeError, money } from '../utils/logic';
import { usePortalPermissions } from '../utils/permissions';
import { getTranslation } from '../utils/translations';

/** SPEC §9 budget access: each budget's client-access toggle and the Client Managers it reaches. */
export const BudgetAccessPage = () => {
  const { formatMessage } = useIntl();
  const projects = useBudgetAccess();
  const setAccess = useSetAccess();
  const { canManageBudgetAccess } = usePortalPermissions();
  const [problem, setProblem] = useState<string | null>(null);
  const label = (id: string, fallback: string) => formatMessage({ id: getTranslation(id), defaultMessage: fallback });
  if (projects.isLoading) return <Page.Loading />;
  if (projects.isError) return <Page.Error />;

  const toggle = async (documentId: string, clientAccess: boolean) => {
    setProblem(null);
    try {
      await setAccess.mutateAsync({ documentId, clientAccess });
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };

  return (
    <>
      {problem && (
        <Typography textColor="danger600" role="alert">
          {problem}
        </Typography>
      )}
      {(projects.data ?? []).map((project) => (
        <Section key={project.documentId} title={`${project.name}${project.company ? ` — ${project.company}` : ''}`}>
          <Typography tag="p" variant="pi" textColor="neutral600">
            {project.clientManagers.length
              ? formatMessage(
                  { id: getTranslation('budgets.reaches'), defaultMessage: 'Client access reaches: {names}' },
                  { names: project.clientManagers.map((person) => person.name).join(', ') }
                )
              : label('budgets.nobody', 'No Client Manager is a member of this project: client access reaches nobody.')}
          </Typography>
          {project.budgets.length === 0 ? (
            <Typography tag="p">{label('budgets.none', 'No budgets.')}</Typography>
          ) : (
            <Table colCount={4} rowCount={project.budgets.length + 1}>
              <Thead>
                <Tr>
                  {[
                    ['budgets.budget', 'Budget'],
                    ['budgets.amount', 'Amount'],
                    ['budgets.used', 'Used / remaining'],
                    ['budgets.access', 'Client access'],
                  ].map(([id, fallback]) => (
                    <Th key={id}>
                      <Typography variant="sigma">{label(id, fallback)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {project.budgets.map((budget) => (
                  <Tr key={budget.documentId}>
                    <Td>
                      <Typography fontWeight="bold">{budget.name}</Typography>
                      <Typography variant="pi" tag="p">
                        {budget.kind}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography>{money(budget.amountCents, budget.currency)}</Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {money(budget.usedCents, budget.currency)} / {money(budget.remainingCents, budget.currency)}
                      </Typography>
                    </Td>
                    <Td>
                      <Flex gap={2}>
                        <Switch
                          aria-label={`${label('budgets.access', 'Client access')}: ${budget.name}`}
                          checked={budget.clientAccess}
                          disabled={!canManageBudgetAccess}
                          onCheckedChange={(checked) => toggle(budget.documentId, checked)}
                          onLabel={label('common.on', 'On')}
                          offLabel={label('common.off', 'Off')}
                          visibleLabels
                        />
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Section>
      ))}
    </>
  );
};
