import type { InvoiceAmounts, InvoiceDates, InvoiceLine } from '../../../shared/contracts';
import { renderPricedPdf } from './priced-pdf';

export interface InvoiceForPdf extends InvoiceAmounts, InvoiceDates {
  state: string;
  company: { id: number; name: string; address?: string | null; billingEmail?: string | null } | null;
  project: { name: string } | null;
  lines: Omit<InvoiceLine, 'id'>[];
}

/** The invoice as an A4 PDF. */
export const renderInvoicePdf = (invoice: InvoiceForPdf, agency: string): Promise<Buffer> =>
  renderPricedPdf(
    {
      ...invoice,
      heading: invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice',
      header: (doc) => {
        if (invoice.state === 'void') doc.fillColor('red').text('VOID').fillColor('black');
        doc.moveDown();
        doc.text(`Bill to: ${invoice.company?.name ?? ''}`);
        if (invoice.company?.address) doc.text(invoice.company.address);
        if (invoice.project) doc.text(`Project: ${invoice.project.name}`);
        if (invoice.issuedOn) doc.text(`Issued on: ${invoice.issuedOn}`);
        if (invoice.dueOn) doc.text(`Due on: ${invoice.dueOn}`);
      },
      lines: invoice.lines.map((line) => ({
        // The budget service leads the line, unless the description already names it (unitemised work).
        description: `${line.service && !line.description.includes(line.service) ? `${line.service}: ` : ''}${line.description}`,
        quantity: `${Number(line.quantity).toFixed(line.unit === 'hour' ? 2 : 0)}${line.unit === 'hour' ? ' h' : ''}`,
        unitPriceCents: line.unitPriceCents,
        amountCents: line.amountCents,
      })),
    },
    agency
  );
