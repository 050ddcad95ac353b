import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Clock } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useErrorMessage, useLabel, useSaveEntry } from '../../utils/time-api';
import { localDate, rowLabel, timerMinutes, type TimerState } from '../../utils/time-logic';
import { formatDuration } from '../../utils/format';

/** The running timer: elapsed time, and Stop, which logs the minutes (rounded up) as an entry for today. */
export const TimerBar = ({ timer, now, onStopped }: { timer: TimerState; now: number; onStopped: () => void }) => {
  const label = useLabel();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const save = useSaveEntry();
  const elapsed = Math.max(0, Math.floor((now - timer.startedAt) / 1000));
  const clock = `${formatDuration(Math.floor(elapsed / 60))}:${String(elapsed % 60).padStart(2, '0')}`;

  const stop = async () => {
    const minutes = timerMinutes(timer.startedAt, Date.now());
    try {
      await save.mutateAsync({
        project: timer.project.documentId,
        task: timer.task?.documentId ?? null,
        date: localDate(new Date()),
        minutes,
        note: '',
      });
      toggleNotification({
        type: 'success',
        message: label('time.timerLogged', 'Logged {duration} on {row}', {
          duration: formatDuration(minutes),
          row: rowLabel(timer),
        }),
      });
      onStopped();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Box background="primary100" borderColor="primary200" hasRadius padding={3} marginBottom={4}>
      <Flex justifyContent="space-between" gap={4}>
        <Flex gap={2}>
          <Clock aria-hidden />
          <Typography>{label('time.timerRunning', 'Timer running on {row}', { row: rowLabel(timer) })}</Typography>
          <Typography fontWeight="bold" data-testid="timer-clock">
            {clock}
          </Typography>
        </Flex>
        <Button variant="secondary" onClick={stop} loading={save.isLoading}>
          {label('time.stopTimer', 'Stop and log')}
        </Button>
      </Flex>
    </Box>
  );
};
