import PDFDocument from 'pdfkit';
import type { InvoiceAmounts, InvoiceDates, InvoiceLine } from '../../../shared/contracts';

export interface InvoiceForPdf extends InvoiceAmounts, InvoiceDates {
  state: string;
  company: { id: number; name: string; address?: string | null; billingEmail?: string | null } | null;
  project: { name: string } | null;
  lines: Omit<InvoiceLine, 'id'>[];
}

const money = (cents: number, currency: string) =>
  `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

/** The invoice as an A4 PDF (standard Helvetica, so it opens anywhere). */
export const renderInvoicePdf = (invoice: InvoiceForPdf, agency: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const title = invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice';
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: agency } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(20).text(agency);
    doc.moveDown().fontSize(16).text(title);
    doc.font('Helvetica').fontSize(10);
    if (invoice.state === 'void') doc.fillColor('red').text('VOID').fillColor('black');
    doc.moveDown();
    doc.text(`Bill to: ${invoice.company?.name ?? ''}`);
    if (invoice.company?.address) doc.text(invoice.company.address);
    if (invoice.project) doc.text(`Project: ${invoice.project.name}`);
    if (invoice.issuedOn) doc.text(`Issued on: ${invoice.issuedOn}`);
    if (invoice.dueOn) doc.text(`Due on: ${invoice.dueOn}`);
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
    for (const line of invoice.lines) {
      const quantity = `${Number(line.quantity).toFixed(line.unit === 'hour' ? 2 : 0)}${line.unit === 'hour' ? ' h' : ''}`;
      // The budget service leads the line, unless the description already names it (unitemised work).
      const service = line.service && !line.description.includes(line.service) ? `${line.service}: ` : '';
      row([
        `${service}${line.description}`,
        quantity,
        money(line.unitPriceCents, invoice.currency),
        money(line.amountCents, invoice.currency),
      ]);
    }
    doc.moveDown();
    row(['Subtotal', '', '', money(invoice.subtotalCents, invoice.currency)]);
    row([`Tax (${invoice.taxRateBasisPoints / 100} %)`, '', '', money(invoice.taxCents, invoice.currency)]);
    row(['Total', '', '', money(invoice.totalCents, invoice.currency)], true);
    doc.end();
  });
