import { EmptyStateLayout, Flex, Loader } from '@strapi/design-system';
import type { ReactNode } from 'react';
import type { StaffSession } from '../../../../shared/contracts';
import { describeError } from '../../utils/logic';
import { useStaffSession } from '../../utils/session';

/** Waits for whom the admin acts as; says so when they act as nobody. */
export const StaffGate = ({
  unlinked,
  children,
}: {
  unlinked: string;
  children: (session: StaffSession & { person: NonNullable<StaffSession['person']> }) => ReactNode;
}) => {
  const session = useStaffSession();
  if (session.isLoading) {
    return (
      <Flex justifyContent="center" padding={8}>
        <Loader />
      </Flex>
    );
  }
  if (session.isError || !session.data?.person || !session.data.jwt) {
    const message = session.isError ? describeError(session.error).message : unlinked;
    return <EmptyStateLayout content={message} hasRadius shadow="tableShadow" />;
  }
  return <>{children(session.data as StaffSession & { person: NonNullable<StaffSession['person']> })}</>;
};
