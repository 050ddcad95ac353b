import { Button, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useInvoice } from '../utils/money-api';
import { formatDay, invoiceActions } from '../utils/money-logic';
import { useLabel } from '../utils/use-label';
import { usePortalAction } from '../utils/use-portal-action';
import { ConfirmDialog } from './ConfirmDialog';
import { DraftEditor } from './DraftEditor';
import { InvoiceLines } from './InvoiceLines';
import { InvoicePdf } from './InvoicePdf';
import { StateBadge } from './StateBadge';
import { QueryFallback } from './QueryFallback';

/** One invoice: lines and totals, the draft's fields, issue / mark paid / void, and its PDF. */
export const InvoiceDetail = ({ documentId, onClose }: { documentId: string; onClose: () => void }) => {
  const { label, locale } = useLabel();
  const { toggleNotification } = useNotification();
  const invoice = useInvoice(documentId);
  const write = usePortalAction();
  const [confirmVoid, setConfirmVoid] = useState(false);
  const [showPdf, setShowPdf] = useState(false);

  if (invoice.isError || !invoice.data) return <QueryFallback query={invoice} />;
  const data = invoice.data.data;
  const can = invoiceActions(data.state);
  const act = async (action: 'issue' | 'mark-paid' | 'void', [done, fallback]: [string, string]) => {
    await write.run(
      { path: `/invoices/${documentId}/${action}` },
      (result) => label(done, fallback, { number: result.data.number ?? '' }),
      (result) => {
        if (action === 'issue' && !result.data.sentAt) {
          toggleNotification({
            type: 'warning',
            message: label('invoices.notSent', 'The email with the PDF was not sent; it can be sent again later.'),
          });
        }
      }
    );
  };

  return (
    <>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4} marginBottom={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Flex gap={2}>
            <Typography variant="beta" tag="h3" data-testid="invoice-number">
              {data.number ??
                (data.state === 'draft' ? label('invoices.draft', 'Draft') : label('invoices.noNumber', 'No number'))}
            </Typography>
            <StateBadge state={data.state} />
          </Flex>
          <Typography textColor="neutral600">
            {[data.company?.name, data.project?.name].filter(Boolean).join(' · ')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {label('invoices.dates', 'Issued {issued} · due {due} · paid {paid}', {
              issued: formatDay(data.issuedOn, locale),
              due: formatDay(data.dueOn, locale),
              paid: formatDay(data.paidOn, locale),
            })}
          </Typography>
        </Flex>
        <Flex gap={2} wrap="wrap" justifyContent="flex-end">
          {can.issue && (
            <Button onClick={() => act('issue', ['invoices.issued', 'Issued as {number}'])} loading={write.isLoading}>
              {label('invoices.issue', 'Issue and send')}
            </Button>
          )}
          {can.markPaid && (
            <Button
              variant="success"
              onClick={() => act('mark-paid', ['invoices.paidDone', 'Marked paid'])}
              loading={write.isLoading}
            >
              {label('invoices.markPaid', 'Mark paid')}
            </Button>
          )}
          {can.void && (
            <Button variant="danger-light" onClick={() => setConfirmVoid(true)}>
              {data.state === 'draft' ? label('invoices.discard', 'Discard draft') : label('invoices.void', 'Void')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setShowPdf((shown) => !shown)}>
            {showPdf ? label('invoices.hidePdf', 'Hide PDF') : label('invoices.showPdf', 'View PDF')}
          </Button>
          <Button variant="tertiary" onClick={onClose}>
            {label('invoices.close', 'Close invoice')}
          </Button>
        </Flex>
      </Flex>
      {data.sendError && (
        <Typography tag="p" textColor="warning700" paddingBottom={2}>
          {label('invoices.sendError', 'The email with the PDF was not sent: {reason}', { reason: data.sendError })}
        </Typography>
      )}
      {can.edit && <DraftEditor key={`${documentId}-${data.taxRateBasisPoints}-${data.dueOn}`} invoice={data} />}
      <InvoiceLines invoice={data} />
      {showPdf && (
        <Flex direction="column" alignItems="stretch" paddingTop={4}>
          <InvoicePdf documentId={documentId} version={`${data.state}-${data.totalCents}-${data.dueOn}`} />
        </Flex>
      )}
      <ConfirmDialog
        open={confirmVoid}
        title={
          data.state === 'draft'
            ? label('invoices.discardTitle', 'Discard this draft?')
            : label('invoices.voidTitle', 'Void this invoice?')
        }
        body={label(
          'invoices.voidBody',
          'The invoice becomes void and its time and expenses can be invoiced again. This cannot be undone.'
        )}
        confirm={data.state === 'draft' ? label('invoices.discard', 'Discard draft') : label('invoices.void', 'Void')}
        onClose={() => setConfirmVoid(false)}
        onConfirm={() => {
          setConfirmVoid(false);
          void act('void', ['invoices.voided', 'Invoice voided']);
        }}
      />
    </>
  );
};
