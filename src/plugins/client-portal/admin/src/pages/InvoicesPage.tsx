import { EmptyStateLayout } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useState } from 'react';
import { GenerateInvoiceForm } from '../components/GenerateInvoiceForm';
import { InvoiceDetail } from '../components/InvoiceDetail';
import { InvoiceList } from '../components/InvoiceList';
import { Section } from '../components/Section';
import { useStaffSession } from '../utils/session';
import { useLabel } from '../utils/use-label';

/** Invoices (docs/admin-panel.md#invoices): generate with a preview, edit the draft, issue, mark paid, void, PDF, list. */
export const InvoicesPage = () => {
  const { label } = useLabel();
  const session = useStaffSession();
  const [open, setOpen] = useState<string | null>(null);
  if (session.isLoading) return <Page.Loading />;
  if (session.isError) return <Page.Error />;
  if (!session.data?.capabilities.manageInvoices) {
    return (
      <EmptyStateLayout
        content={label(
          'invoices.noAccess',
          'Invoices are managed by Owners and Member+ with the finance permission. Ask one of them to invoice your work.'
        )}
      />
    );
  }
  return (
    <>
      <Section title={label('invoices.generate', 'Generate an invoice')}>
        <GenerateInvoiceForm onGenerated={setOpen} />
      </Section>
      {open && (
        <Section title={label('invoices.invoice', 'Invoice')}>
          <InvoiceDetail documentId={open} onClose={() => setOpen(null)} />
        </Section>
      )}
      <Section title={label('invoices.title', 'Invoices')}>
        <InvoiceList onOpen={setOpen} />
      </Section>
    </>
  );
};
