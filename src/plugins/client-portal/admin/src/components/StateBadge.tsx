import { Badge } from '@strapi/design-system';
import { stateTone } from '../utils/money-logic';
import { useLabel } from '../utils/use-label';

/** An invoice's (or, with `prefix="estimates"`, an estimate's) state as a coloured badge, in words. */
export const StateBadge = ({ state, prefix = 'invoices' }: { state: string; prefix?: 'invoices' | 'estimates' }) => {
  const { label } = useLabel();
  const tone = stateTone(state);
  return (
    <Badge textColor={tone.textColor} backgroundColor={tone.backgroundColor}>
      {label(`${prefix}.state.${state}`, state)}
    </Badge>
  );
};
