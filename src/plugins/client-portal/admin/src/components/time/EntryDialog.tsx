import { Button, Dialog, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useEffect, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { useDeleteEntry, useErrorMessage, useLabel, useSaveEntry } from '../../utils/time-api';
import { formatDay, parseDuration, rowLabel, type IsoDate, type RowKey, type SheetEntry } from '../../utils/time-logic';
import { formatDuration } from '../../utils/format';
import { StateBadge } from './StateBadge';

export interface EntryTarget {
  row: RowKey;
  date: IsoDate;
  entry: SheetEntry | null;
}

/** Log a new entry in a grid cell, or edit or delete one (docs/time-budgets-invoices.md: invoiced entries refuse with a message). */
export const EntryDialog = ({ target, onClose }: { target: EntryTarget | null; onClose: () => void }) => {
  const { locale } = useIntl();
  const label = useLabel();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const save = useSaveEntry();
  const remove = useDeleteEntry();
  const [duration, setDuration] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setDuration(target?.entry ? formatDuration(target.entry.minutes) : '');
    setNote(target?.entry?.note ?? '');
    setProblem(null);
  }, [target]);

  if (!target) return null;
  const { row, date, entry } = target;
  const fail = (error: unknown) => {
    const message = errorMessage(error);
    setProblem(message);
    toggleNotification({ type: 'danger', message });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minutes = parseDuration(duration);
    if (minutes === null) {
      setProblem(label('time.badDuration', 'Enter a duration from 0:01 to 24:00, as h:mm or hours (1.5).'));
      return;
    }
    try {
      await save.mutateAsync({
        documentId: entry?.documentId,
        project: row.project.documentId,
        task: row.task?.documentId ?? null,
        date,
        minutes,
        note,
      });
      toggleNotification({ type: 'success', message: label('time.saved', 'Time saved') });
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  const destroy = async () => {
    if (!entry) return;
    try {
      await remove.mutateAsync(entry.documentId);
      toggleNotification({ type: 'success', message: label('time.deleted', 'Entry deleted') });
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content>
        <form onSubmit={submit} aria-label={label('time.entry', 'Time entry')}>
          <Dialog.Header>{entry ? label('time.edit', 'Edit time') : label('time.log', 'Log time')}</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={4} width="100%">
              <Flex gap={2} wrap="wrap">
                <Typography fontWeight="bold">{rowLabel(row)}</Typography>
                <Typography textColor="neutral600">{formatDay(date, locale)}</Typography>
                {entry && <StateBadge state={entry.state} />}
              </Flex>
              {entry?.state === 'rejected' && entry.rejectionReason && (
                <Typography textColor="danger600">
                  {label('time.rejectedBecause', 'Rejected: {reason}', { reason: entry.rejectionReason })}
                </Typography>
              )}
              <Field.Root
                name="duration"
                error={problem ?? undefined}
                hint={label('time.durationHint', 'h:mm or hours, e.g. 1:30 or 1.5')}
              >
                <Field.Label>{label('time.duration', 'Duration')}</Field.Label>
                <TextInput
                  autoFocus
                  value={duration}
                  onChange={(e: { target: { value: string } }) => setDuration(e.target.value)}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Field.Root name="note">
                <Field.Label>{label('time.note', 'Note')}</Field.Label>
                <TextInput value={note} onChange={(e: { target: { value: string } }) => setNote(e.target.value)} />
              </Field.Root>
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Button variant="tertiary" type="button" onClick={onClose}>
              {label('common.cancel', 'Cancel')}
            </Button>
            <Flex gap={2}>
              {entry && (
                <Button variant="danger-light" type="button" onClick={destroy} loading={remove.isLoading}>
                  {label('time.delete', 'Delete')}
                </Button>
              )}
              <Button type="submit" loading={save.isLoading}>
                {label('time.save', 'Save')}
              </Button>
            </Flex>
          </Dialog.Footer>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
};
