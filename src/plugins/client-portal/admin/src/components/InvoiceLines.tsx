import { Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import type { Invoice, InvoiceLine } from '../utils/money-api';
import { formatQuantity } from '../utils/money-logic';
import { formatMoney } from '../utils/format';
import { useLabel } from '../utils/use-label';
import { TableHead } from './TableHead';

type Priced = Pick<Invoice, 'currency' | 'subtotalCents' | 'taxRateBasisPoints' | 'taxCents' | 'totalCents'> & {
  lines?: Pick<InvoiceLine, 'description' | 'quantity' | 'unit' | 'unitPriceCents' | 'amountCents'>[];
};

/** An invoice's (or an estimate's) lines and totals, as the client will read them. */
export const InvoiceLines = ({ invoice }: { invoice: Priced }) => {
  const { label, locale } = useLabel();
  const money = (cents: number) => formatMoney(cents, invoice.currency, locale);
  const lines = invoice.lines ?? [];
  return (
    <>
      {lines.length === 0 ? (
        <Typography tag="p" textColor="neutral600">
          {label('invoices.noLines', 'No lines: there was no approved, billable, uninvoiced work in this period.')}
        </Typography>
      ) : (
        <Table colCount={4} rowCount={lines.length + 1}>
          <TableHead
            columns={[
              ['invoices.description', 'Description'],
              ['invoices.quantity', 'Quantity'],
              ['invoices.unitPrice', 'Unit price'],
              ['invoices.amount', 'Amount'],
            ]}
          />
          <Tbody>
            {lines.map((line, index) => (
              <Tr key={index}>
                <Td>
                  <Typography>{line.description}</Typography>
                </Td>
                <Td>
                  <Typography>{formatQuantity(line.quantity, line.unit, locale)}</Typography>
                </Td>
                <Td>
                  <Typography>{money(line.unitPriceCents)}</Typography>
                </Td>
                <Td>
                  <Typography>{money(line.amountCents)}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Flex direction="column" alignItems="flex-end" gap={1} paddingTop={4} data-testid="invoice-totals">
        <Typography>
          {label('invoices.subtotal', 'Subtotal')}: {money(invoice.subtotalCents)}
        </Typography>
        <Typography>
          {label('invoices.tax', 'Tax ({rate} %)', {
            rate: new Intl.NumberFormat(locale).format(invoice.taxRateBasisPoints / 100),
          })}
          : {money(invoice.taxCents)}
        </Typography>
        <Typography fontWeight="bold" variant="delta">
          {label('invoices.total', 'Total')}: {money(invoice.totalCents)}
        </Typography>
      </Flex>
    </>
  );
};
