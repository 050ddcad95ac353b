import { useState } from 'react';
import { CapabilityGate } from '../components/CapabilityGate';
import { EstimateDetail } from '../components/estimates/EstimateDetail';
import { EstimateForm } from '../components/estimates/EstimateForm';
import { EstimateList } from '../components/estimates/EstimateList';
import { Section } from '../components/Section';
import { useLabel } from '../utils/use-label';

/** Estimates (docs/admin-panel.md#estimates): draft, send to the client managers, follow the answer, convert. */
export const EstimatesPage = () => {
  const { label } = useLabel();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <CapabilityGate
      capability="manageInvoices"
      refusal={label('estimates.noAccess', 'Estimates are managed by Owners and Member+ with the finance permission.')}
    >
      {open && (
        <Section title={label('estimates.estimate', 'Estimate')}>
          <EstimateDetail documentId={open} onClose={() => setOpen(null)} />
        </Section>
      )}
      <Section title={label('estimates.title', 'Estimates')}>
        <EstimateList onOpen={setOpen} />
      </Section>
      <Section title={label('estimates.new', 'New estimate')}>
        <EstimateForm onCreated={setOpen} />
      </Section>
    </CapabilityGate>
  );
};
