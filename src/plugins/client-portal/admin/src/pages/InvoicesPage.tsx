import { useState } from 'react';
import { CapabilityGate } from '../components/CapabilityGate';
import { GenerateInvoiceForm } from '../components/GenerateInvoiceForm';
import { InvoiceDetail } from '../components/InvoiceDetail';
import { InvoiceList } from '../components/InvoiceList';
import { Section } from '../components/Section';
import { useLabel } from '../utils/use-label';

/** Invoices (docs/admin-panel.md#invoices): generate with a preview, edit the draft, issue, mark paid, void, PDF, list. */
export const InvoicesPage = () => {
  const { label } = useLabel();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <CapabilityGate
      capability="manageInvoices"
      refusal={label(
        'invoices.noAccess',
        'Invoices are managed by Owners and Member+ with the finance permission. Ask one of them to invoice your work.'
      )}
    >
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
    </CapabilityGate>
  );
};
