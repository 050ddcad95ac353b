import { Box, EmptyStateLayout, Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { describeError, NOT_LINKED_MESSAGE } from '../utils/logic';
import { roleLabel } from '../utils/report-logic';
import { useStaffSession } from '../utils/session';
import { getTranslation } from '../utils/translations';

/**
 * Staff identity (docs/admin-panel.md#staff-identity) on every plugin page: a line saying whom the admin acts as, or
 * for an admin linked to nobody, the reason and what to do instead of the page.
 */
export const StaffGate = ({ children }: { children: ReactNode }) => {
  const { formatMessage } = useIntl();
  const session = useStaffSession();
  if (session.isLoading) return <Page.Loading />;
  if (session.isError || !session.data) {
    return (
      <EmptyStateLayout content={describeError(session.error).message} icon={null} hasRadius shadow="tableShadow" />
    );
  }
  const { acting, person } = session.data;
  if (acting === 'unlinked' || !person) {
    return (
      <Box data-testid="not-linked">
        <EmptyStateLayout
          content={formatMessage({ id: getTranslation('staff.notLinked'), defaultMessage: NOT_LINKED_MESSAGE })}
          hasRadius
          shadow="tableShadow"
        />
      </Box>
    );
  }
  const role = roleLabel(person);
  return (
    <>
      <Box paddingBottom={4}>
        <Typography variant="pi" textColor="neutral600" data-testid="acting-as">
          {formatMessage(
            { id: getTranslation('staff.actingAs'), defaultMessage: 'Acting as {name} ({role})' },
            {
              name: person.name,
              role: formatMessage({ id: getTranslation(`role.${role}`), defaultMessage: role }),
            }
          )}
          {acting === 'owner'
            ? ` — ${formatMessage({
                id: getTranslation('staff.superAdmin'),
                defaultMessage: 'super admin without a linked person',
              })}`
            : ''}
        </Typography>
      </Box>
      {children}
    </>
  );
};
