import type { InvoiceAmounts, InvoiceLine } from '../../../shared/contracts';
import { renderPricedPdf } from './priced-pdf';

export interface EstimateForPdf extends InvoiceAmounts {
  number: string | null;
  title: string;
  state: string;
  validUntil: string | null;
  note: string | null;
  company: { id: number; name: string; address?: string | null } | null;
  lines: Omit<InvoiceLine, 'id'>[];
}

const UNITS: Record<string, string> = { hour: ' h', day: ' d' };

/** The estimate as an A4 PDF, laid out like the invoice. */
export const renderEstimatePdf = (estimate: EstimateForPdf, agency: string): Promise<Buffer> =>
  renderPricedPdf(
    {
      ...estimate,
      heading: estimate.number ? `Estimate ${estimate.number}` : 'Draft estimate',
      header: (doc) => {
        doc.fontSize(12).text(estimate.title).fontSize(10);
        if (estimate.state !== 'sent' && estimate.state !== 'draft') doc.text(estimate.state.toUpperCase());
        doc.moveDown();
        doc.text(`For: ${estimate.company?.name ?? ''}`);
        if (estimate.company?.address) doc.text(estimate.company.address);
        if (estimate.validUntil) doc.text(`Valid until: ${estimate.validUntil}`);
      },
      lines: estimate.lines.map((line) => ({
        description: line.description,
        quantity: `${Number(line.quantity)}${UNITS[line.unit] ?? ''}`,
        unitPriceCents: line.unitPriceCents,
        amountCents: line.amountCents,
      })),
      footer: estimate.note,
    },
    agency
  );
