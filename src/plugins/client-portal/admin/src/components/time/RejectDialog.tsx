import { Button, Dialog, Field, Textarea } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { useLabel } from '../../utils/time-api';

/** Asks why entries are rejected (docs/time-budgets-invoices.md#approval: a reason is required). */
export const RejectDialog = ({
  count,
  busy,
  onReject,
  onClose,
}: {
  /** How many entries; 0 closes the dialog. */
  count: number;
  busy: boolean;
  onReject: (reason: string) => void;
  onClose: () => void;
}) => {
  const label = useLabel();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setReason('');
    setMissing(false);
  }, [count]);
  if (count === 0) return null;

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content>
        <Dialog.Header>
          {label('approvals.rejectTitle', 'Reject {count, plural, one {# entry} other {# entries}}', { count })}
        </Dialog.Header>
        <Dialog.Body>
          <Field.Root
            name="reason"
            width="100%"
            required
            error={missing ? label('approvals.reasonMissing', 'Say why, so that it can be corrected.') : undefined}
          >
            <Field.Label>{label('approvals.reason', 'Reason')}</Field.Label>
            <Textarea
              value={reason}
              onChange={(event: { target: { value: string } }) => setReason(event.target.value)}
            />
            <Field.Error />
          </Field.Root>
        </Dialog.Body>
        <Dialog.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {label('common.cancel', 'Cancel')}
          </Button>
          <Button
            variant="danger"
            loading={busy}
            onClick={() => (reason.trim() ? onReject(reason.trim()) : setMissing(true))}
          >
            {label('approvals.reject', 'Reject')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
