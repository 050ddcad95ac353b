import { Box, Loader, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';
import { Section } from '../Section';
import { rowsOf, type PreviewOutcome, type Row } from '../../utils/preview-logic';
import { useLabel } from '../../utils/use-label';
import { FailureAlert } from './FailureAlert';

interface Props {
  title: string;
  outcome: PreviewOutcome | 'loading';
  empty: string;
  /** The rows, when the request succeeded and returned some. */
  children: (rows: Row[]) => ReactNode;
}

/** One replayed list: loading, the refusal as an error, an empty state, or the rows. */
export const PreviewSection = ({ title, outcome, empty, children }: Props) => {
  const { label } = useLabel();
  const rows = outcome === 'loading' ? [] : rowsOf(outcome);
  return (
    <Box role="region" aria-label={title}>
      <Section title={title}>
        {outcome === 'loading' && <Loader small>{label('common.loading', 'Loading')}</Loader>}
        {outcome !== 'loading' && outcome.kind !== 'ok' && <FailureAlert failure={outcome} />}
        {outcome !== 'loading' && outcome.kind === 'ok' && rows.length === 0 && (
          <Typography textColor="neutral600">{empty}</Typography>
        )}
        {rows.length > 0 && children(rows)}
      </Section>
    </Box>
  );
};
