import { Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { usePeople } from '../../utils/api';
import { useEstimate, useTemplates } from '../../utils/estimate-api';
import { estimateActions } from '../../utils/estimate-logic';
import { formatDay } from '../../utils/money-logic';
import { useLabel } from '../../utils/use-label';
import { usePortalAction } from '../../utils/use-portal-action';
import { ConfirmDialog } from '../ConfirmDialog';
import { InvoiceLines } from '../InvoiceLines';
import { InvoicePdf } from '../InvoicePdf';
import { StateBadge } from '../StateBadge';
import { QueryFallback } from '../QueryFallback';

const NONE = 'none';

/** Turns an accepted estimate into a project: optionally from a template, led by a chosen person. */
const ConvertForm = ({ documentId }: { documentId: string }) => {
  const { label } = useLabel();
  const templates = useTemplates();
  const people = usePeople();
  const write = usePortalAction();
  const [template, setTemplate] = useState(NONE);
  const [leader, setLeader] = useState(NONE);
  const staff = (people.data ?? []).filter((person) => person.role === 'owner' || person.role === 'member');

  const convert = async () => {
    await write.run(
      {
        path: `/estimates/${documentId}/convert`,
        body: {
          ...(template === NONE ? {} : { template }),
          ...(leader === NONE ? {} : { leader: Number(leader) }),
        },
      },
      label('estimates.converted', 'Project created with a fixed budget of the estimate')
    );
  };

  return (
    <Flex
      gap={4}
      alignItems="flex-end"
      paddingTop={4}
      paddingBottom={4}
      aria-label={label('estimates.convert', 'Convert to a project')}
    >
      <Field.Root name="convertTemplate">
        <Field.Label>{label('estimates.template', 'Project template')}</Field.Label>
        <SingleSelect value={template} onChange={(value) => setTemplate(String(value))}>
          <SingleSelectOption value={NONE}>{label('estimates.noTemplate', 'No template')}</SingleSelectOption>
          {(templates.data?.data ?? []).map((row) => (
            <SingleSelectOption key={row.documentId} value={row.documentId}>
              {row.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name="convertLeader">
        <Field.Label>{label('estimates.leader', 'Project leader')}</Field.Label>
        <SingleSelect value={leader} onChange={(value) => setLeader(String(value))}>
          <SingleSelectOption value={NONE}>{label('estimates.me', 'Me')}</SingleSelectOption>
          {staff.map((person) => (
            <SingleSelectOption key={person.id} value={String(person.id)}>
              {[person.firstName, person.lastName].filter(Boolean).join(' ') || person.email}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Button onClick={convert} loading={write.isLoading}>
        {label('estimates.convert', 'Convert to a project')}
      </Button>
    </Flex>
  );
};

/** One estimate: lines and totals, send (numbered on first send), convert once accepted, PDF, discard a draft. */
export const EstimateDetail = ({ documentId, onClose }: { documentId: string; onClose: () => void }) => {
  const { label, locale } = useLabel();
  const estimate = useEstimate(documentId);
  const write = usePortalAction();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [showPdf, setShowPdf] = useState(false);

  if (estimate.isError || !estimate.data) return <QueryFallback query={estimate} />;
  const data = estimate.data.data;
  const can = estimateActions(data.state, Boolean(data.project));
  const send = async () => {
    await write.run({ path: `/estimates/${documentId}/send` }, (answer) =>
      label('estimates.sent', 'Sent as {number} to the client managers', { number: answer.data.number ?? '' })
    );
  };
  const remove = async () => {
    await write.run(
      { path: `/estimates/${documentId}`, method: 'DELETE' },
      label('estimates.deleted', 'Draft deleted'),
      onClose
    );
  };

  return (
    <>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4} marginBottom={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Flex gap={2}>
            <Typography variant="beta" tag="h3" data-testid="estimate-number">
              {data.number ?? label('invoices.draft', 'Draft')}
            </Typography>
            <StateBadge state={data.state} prefix="estimates" />
          </Flex>
          <Typography textColor="neutral600">
            {[data.title, data.company?.name, data.project?.name].filter(Boolean).join(' · ')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {label('estimates.validUntilOn', 'Valid until {day}', { day: formatDay(data.validUntil, locale) })}
          </Typography>
          {data.declineReason && (
            <Typography variant="pi" textColor="danger600">
              {label('estimates.declinedBecause', 'Declined: {reason}', { reason: data.declineReason })}
            </Typography>
          )}
        </Flex>
        <Flex gap={2} wrap="wrap" justifyContent="flex-end">
          {can.send && (
            <Button onClick={send} loading={write.isLoading}>
              {data.state === 'draft'
                ? label('estimates.send', 'Send to the client')
                : label('estimates.resend', 'Send again')}
            </Button>
          )}
          {can.delete && (
            <Button variant="danger-light" onClick={() => setConfirmDelete(true)}>
              {label('estimates.delete', 'Delete draft')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setShowPdf((shown) => !shown)}>
            {showPdf ? label('invoices.hidePdf', 'Hide PDF') : label('invoices.showPdf', 'View PDF')}
          </Button>
          <Button variant="tertiary" onClick={onClose}>
            {label('estimates.close', 'Close estimate')}
          </Button>
        </Flex>
      </Flex>
      {can.convert && <ConvertForm documentId={documentId} />}
      <InvoiceLines invoice={data} />
      {data.note && (
        <Typography tag="p" textColor="neutral600" paddingTop={2}>
          {data.note}
        </Typography>
      )}
      {showPdf && (
        <Flex direction="column" alignItems="stretch" paddingTop={4}>
          <InvoicePdf
            documentId={documentId}
            collection="estimates"
            version={`${data.state}-${data.number}-${data.totalCents}`}
          />
        </Flex>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={label('estimates.deleteTitle', 'Delete this draft estimate?')}
        body={label('estimates.deleteBody', 'The draft and its lines are deleted. This cannot be undone.')}
        confirm={label('estimates.delete', 'Delete draft')}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void remove();
        }}
      />
    </>
  );
};
