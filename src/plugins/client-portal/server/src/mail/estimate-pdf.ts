import PDFDocument from 'pdfkit';
import type { InvoiceAmounts, InvoiceLine } from '../../../shared/contracts';

export interface EstimateForPdf extends InvoiceAmounts {
  number: string | null;
  title: string;
  state: string;
  validUntil: string | null;
  note: string | null;
  company: { id: number; name: string; address?: string | null } | null;
  lines: Omit<InvoiceLine, 'id'>[];
}

const money = (cents: number, currency: string) =>
  `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

const UNITS: Record<string, string> = { hour: ' h', day: ' d' };

/** The estimate as an A4 PDF, laid out like the invoice (mail/invoice-pdf.ts). */
export const renderEstimatePdf = (estimate: EstimateForPdf, agency: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const heading = estimate.number ? `Estimate ${estimate.number}` : 'Draft estimate';
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: heading, Author: agency } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(20).text(agency);
    doc.moveDown().fontSize(16).text(heading);
    doc.font('Helvetica').fontSize(12).text(estimate.title);
    doc.fontSize(10);
    if (estimate.state !== 'sent' && estimate.state !== 'draft') doc.text(estimate.state.toUpperCase());
    doc.moveDown();
    doc.text(`For: ${estimate.company?.name ?? ''}`);
    if (estimate.company?.address) doc.text(estimate.company.address);
    if (estimate.validUntil) doc.text(`Valid until: ${estimate.validUntil}`);
    doc.moveDown();

    const columns = { description: 50, quantity: 330, price: 390, amount: 470 };
    const row = (cells: [string, string, string, string], bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      doc.text(cells[0], columns.description, y, { width: 270 });
      const bottom = doc.y;
      doc.text(cells[1], columns.quantity, y, { width: 55, align: 'right' });
      doc.text(cells[2], columns.price, y, { width: 75, align: 'right' });
      doc.text(cells[3], columns.amount, y, { width: 75, align: 'right' });
      doc.x = columns.description;
      doc.y = Math.max(bottom, doc.y) + 4;
    };
    row(['Description', 'Qty', 'Unit price', 'Amount'], true);
    for (const line of estimate.lines) {
      row([
        line.description,
        `${Number(line.quantity)}${UNITS[line.unit] ?? ''}`,
        money(line.unitPriceCents, estimate.currency),
        money(line.amountCents, estimate.currency),
      ]);
    }
    doc.moveDown();
    row(['Subtotal', '', '', money(estimate.subtotalCents, estimate.currency)]);
    row([`Tax (${estimate.taxRateBasisPoints / 100} %)`, '', '', money(estimate.taxCents, estimate.currency)]);
    row(['Total', '', '', money(estimate.totalCents, estimate.currency)], true);
    if (estimate.note) doc.moveDown().font('Helvetica').text(estimate.note, columns.description);
    doc.end();
  });
