import PDFDocument from 'pdfkit';
import type { InvoiceAmounts } from '../../../shared/contracts';

/** A priced line as a PDF shows it: the quantity already written out. */
export interface PdfLine {
  description: string;
  quantity: string;
  unitPriceCents: number;
  amountCents: number;
}

export interface PricedDocument extends InvoiceAmounts {
  /** "Invoice INV-2026-0001", "Draft estimate"… */
  heading: string;
  /** Lines under the heading and above the table: title, recipient, dates. */
  header: (doc: PDFKit.PDFDocument) => void;
  lines: PdfLine[];
  /** Text under the totals (an estimate's note). */
  footer?: string | null;
}

/** 1234567 EUR → "12,345.67 EUR": how the PDFs and the report mails write money. */
export const money = (cents: number, currency: string) =>
  `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

const COLUMNS = { description: 50, quantity: 330, price: 390, amount: 470 };

/**
 * Invoices and estimates as A4 PDFs in one layout (standard Helvetica, so they open anywhere):
 * the agency, the heading, the document's own header, the lines table and the totals.
 */
export const renderPricedPdf = (document: PricedDocument, agency: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: document.heading, Author: agency } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(20).text(agency);
    doc.moveDown().fontSize(16).text(document.heading);
    doc.font('Helvetica').fontSize(10);
    document.header(doc);
    doc.moveDown();

    const row = (cells: [string, string, string, string], bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      doc.text(cells[0], COLUMNS.description, y, { width: 270 });
      const bottom = doc.y;
      doc.text(cells[1], COLUMNS.quantity, y, { width: 55, align: 'right' });
      doc.text(cells[2], COLUMNS.price, y, { width: 75, align: 'right' });
      doc.text(cells[3], COLUMNS.amount, y, { width: 75, align: 'right' });
      doc.x = COLUMNS.description;
      doc.y = Math.max(bottom, doc.y) + 4;
    };
    const { currency } = document;
    row(['Description', 'Qty', 'Unit price', 'Amount'], true);
    for (const line of document.lines) {
      row([line.description, line.quantity, money(line.unitPriceCents, currency), money(line.amountCents, currency)]);
    }
    doc.moveDown();
    row(['Subtotal', '', '', money(document.subtotalCents, currency)]);
    row([`Tax (${document.taxRateBasisPoints / 100} %)`, '', '', money(document.taxCents, currency)]);
    row(['Total', '', '', money(document.totalCents, currency)], true);
    if (document.footer) doc.moveDown().font('Helvetica').text(document.footer, COLUMNS.description);
    doc.end();
  });
