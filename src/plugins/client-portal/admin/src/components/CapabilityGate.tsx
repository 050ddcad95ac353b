import { EmptyStateLayout } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import type { StaffCapabilities } from '../../../shared/contracts';
import { useStaffSession } from '../utils/session';

/** A page for those with one capability; to others it says who may use it instead. */
export const CapabilityGate = ({
  capability,
  refusal,
  children,
}: {
  capability: keyof StaffCapabilities;
  /** Who may use the page, in words. */
  refusal: string;
  children: ReactNode;
}) => {
  const session = useStaffSession();
  if (session.isLoading) return <Page.Loading />;
  if (session.isError) return <Page.Error />;
  if (!session.data?.capabilities[capability]) return <EmptyStateLayout content={refusal} />;
  return <>{children}</>;
};
