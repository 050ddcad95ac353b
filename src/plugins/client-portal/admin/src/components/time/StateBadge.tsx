import { Badge } from '@strapi/design-system';
import type { EntryState } from '../../utils/time-logic';
import { useLabel } from '../../utils/time-api';

const VARIANT: Record<EntryState, 'warning' | 'success' | 'danger'> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
};
const FALLBACK: Record<EntryState, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };

/** An entry's state (docs/time-budgets-invoices.md#approval) as a coloured badge. */
export const StateBadge = ({ state }: { state: EntryState }) => {
  const label = useLabel();
  return <Badge variant={VARIANT[state]}>{label(`time.state.${state}`, FALLBACK[state])}</Badge>;
};
