import { Badge, Flex, ProgressBar, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import { useSeats } from '../../utils/api';
import { seatState } from '../../utils/logic';
import { seatBar, type SeatBar as SeatBarState } from '../../utils/people-logic';
import { useLabel } from '../../utils/use-label';

/** The design system's bar is drawn for dark surfaces (white on grey): on a white card it is tinted by use. */
const Bar = styled(ProgressBar)<{ $tone: SeatBarState['tone'] }>`
  width: 24rem;
  background-color: ${({ theme }) => theme.colors.neutral150};
  & > div {
    background-color: ${({ theme, $tone }) =>
      $tone === 'full' ? theme.colors.danger600 : $tone === 'high' ? theme.colors.warning600 : theme.colors.primary600};
  }
`;

/** "N of M seats used" with a bar, and a "Full" badge when no seat is left (docs/roles-and-capabilities.md#seats). */
export const SeatBar = () => {
  const { label } = useLabel();
  const seats = useSeats();
  if (!seats.data) return null;
  const state = seatState(seats.data);
  const bar = seatBar(state);
  const text =
    state.kind === 'unlimited'
      ? label('seats.unlimited', '{used} seats used (unlimited plan)', { used: state.used })
      : label('seats.used', '{used} of {limit} seats used', { used: state.used, limit: state.limit });
  return (
    <Flex gap={4} alignItems="center" aria-label={label('seats.title', 'Seats')} role="status">
      {bar.percent !== null && (
        <Bar value={bar.percent} $tone={bar.tone} aria-label={label('seats.title', 'Seats')} size="M" />
      )}
      <Typography variant="omega" fontWeight="semiBold" data-testid="seat-count">
        {text}
      </Typography>
      {state.kind === 'full' && <Badge variant="danger">{label('seats.full', 'Full')}</Badge>}
    </Flex>
  );
};
