import { Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { StaffSession } from '../../../shared/contracts';
import { describeError, NOT_LINKED_MESSAGE } from '../utils/logic';
import { useStaffSession } from '../utils/session';
import { getTranslation } from '../utils/translations';

/** The states every home widget shares: the staff session loading, failing, or linked to nobody. */
export const WidgetFrame = ({ children }: { children: (session: StaffSession) => ReactNode }) => {
  const { formatMessage } = useIntl();
  const session = useStaffSession();
  if (session.isLoading) return <Widget.Loading />;
  if (session.isError || !session.data) return <Widget.Error>{describeError(session.error).message}</Widget.Error>;
  if (session.data.acting === 'unlinked' || !session.data.person) {
    return (
      <Widget.NoPermissions>
        {formatMessage({ id: getTranslation('staff.notLinked'), defaultMessage: NOT_LINKED_MESSAGE })}
      </Widget.NoPermissions>
    );
  }
  return <>{children(session.data)}</>;
};

/** A widget's main figure and a line under it. */
export const Figure = ({ value, caption, testId }: { value: string; caption: string; testId: string }) => (
  <Flex direction="column" alignItems="center" justifyContent="center" height="100%" gap={2} data-testid={testId}>
    <Typography variant="alpha" tag="p">
      {value}
    </Typography>
    <Typography variant="pi" textColor="neutral600">
      {caption}
    </Typography>
  </Flex>
);

/** What a failed content-API read says in a widget. */
export const WidgetError = ({ error }: { error: unknown }) => (
  <Widget.Error>{describeError(error).message}</Widget.Error>
);
