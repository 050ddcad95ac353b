import type { Column, Format, PreviewOutcome, Row } from '../../utils/preview-logic';
import { useLabel } from '../../utils/use-label';
import { PreviewSection } from './PreviewSection';
import { PreviewTable } from './PreviewTable';

interface Props {
  title: string;
  empty: string;
  outcome: PreviewOutcome | 'loading';
  columns: (rows: Row[], format: Format) => Column[];
}

/** A replayed list shown as a small table of what came back. */
export const ListSection = ({ title, empty, outcome, columns }: Props) => {
  const { label, locale } = useLabel();
  return (
    <PreviewSection title={title} outcome={outcome} empty={empty}>
      {(rows) => <PreviewTable label={title} columns={columns(rows, { label, locale })} rows={rows} />}
    </PreviewSection>
  );
};
