import { budgetColumns, entryOf, type PreviewOutcome, type Row } from '../../utils/preview-logic';
import { useLabel } from '../../utils/use-label';
import { FailureAlert } from './FailureAlert';
import { PreviewSection } from './PreviewSection';
import { PreviewTable } from './PreviewTable';

interface Props {
  outcome: PreviewOutcome | 'loading';
  /** Each budget's `GET /api/budgets/:documentId/summary` as the client, by documentId. */
  summaries: Record<string, PreviewOutcome | 'loading'>;
}

/** Budgets shared with the client, each with the summary the client gets (docs/time-budgets-invoices.md#what-clients-see-of-budgets-and-time). */
export const BudgetSection = ({ outcome, summaries }: Props) => {
  const { label, locale } = useLabel();
  const title = label('preview.budgets', 'Budgets');
  const shown = Object.fromEntries(
    Object.entries(summaries).map(([id, summary]) => [id, summary === 'loading' ? null : entryOf(summary)])
  );
  const failed = (row: Row) => {
    const summary = summaries[String(row.documentId)];
    return summary && summary !== 'loading' && summary.kind !== 'ok' ? summary : null;
  };
  return (
    <PreviewSection title={title} outcome={outcome} empty={label('preview.noBudgets', 'No budget is shared.')}>
      {(rows) => (
        <>
          {rows.map((row) => {
            const failure = failed(row);
            return failure ? (
              <FailureAlert
                key={String(row.documentId)}
                failure={failure}
                title={label('preview.summaryFailed', 'Summary of {name}', { name: String(row.name ?? '') })}
              />
            ) : null;
          })}
          <PreviewTable label={title} columns={budgetColumns(rows, { label, locale }, shown)} rows={rows} />
        </>
      )}
    </PreviewSection>
  );
};
