import { Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { ArrowLeft, ArrowRight } from '@strapi/icons';
import { useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import type { StaffSession } from '../../../shared/contracts';
import { EntryDialog, type EntryTarget } from '../components/time/EntryDialog';
import { RowPicker } from '../components/time/RowPicker';
import { StaffGate } from '../components/time/StaffGate';
import { TimerBar } from '../components/time/TimerBar';
import { TimesheetGrid } from '../components/time/TimesheetGrid';
import { Section } from '../components/Section';
import { useErrorMessage, useLabel, useTrackedProjects, useWeekEntries } from '../utils/time-api';
import {
  addDays,
  buildSheet,
  formatDay,
  isIsoDate,
  localDate,
  weekDays,
  weekStart,
  type RowKey,
} from '../utils/time-logic';
import { useTimer } from '../utils/use-timer';

/** My timesheet (docs/admin-panel.md#my-timesheet): the week of the person the admin acts as. */
const Timesheet = ({ person }: { person: NonNullable<StaffSession['person']> }) => {
  const { locale } = useIntl();
  const label = useLabel();
  const errorMessage = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const requested = params.get('week');
  const monday = weekStart(isIsoDate(requested) ? requested : localDate(new Date()));
  const days = useMemo(() => weekDays(monday), [monday]);
  const entries = useWeekEntries(person.id, monday, days[6]);
  const projects = useTrackedProjects();
  const { timer, now, start, clear } = useTimer(person.id);
  const [picked, setPicked] = useState<RowKey[]>([]);
  const [target, setTarget] = useState<EntryTarget | null>(null);
  const sheet = useMemo(
    () => buildSheet(entries.data ?? [], days, timer ? [...picked, timer] : picked),
    [entries.data, days, picked, timer]
  );
  const goTo = (week: string) => setParams({ week });

  const nav = (
    <Flex gap={2}>
      <Button variant="tertiary" startIcon={<ArrowLeft />} onClick={() => goTo(addDays(monday, -7))}>
        {label('time.previousWeek', 'Previous week')}
      </Button>
      <Button variant="tertiary" onClick={() => goTo(weekStart(localDate(new Date())))}>
        {label('time.thisWeek', 'This week')}
      </Button>
      <Button variant="tertiary" endIcon={<ArrowRight />} onClick={() => goTo(addDays(monday, 7))}>
        {label('time.nextWeek', 'Next week')}
      </Button>
    </Flex>
  );

  return (
    <Section
      title={label('time.weekOf', 'Week of {from} – {to}', {
        from: formatDay(monday, locale),
        to: formatDay(days[6], locale),
      })}
      actions={nav}
    >
      {timer && <TimerBar timer={timer} now={now} onStopped={clear} />}
      <RowPicker projects={projects.data ?? []} onAdd={(row) => setPicked((rows) => [...rows, row])} />
      {entries.isLoading ? (
        <Flex justifyContent="center" padding={8}>
          <Loader>{label('time.loading', 'Loading the week…')}</Loader>
        </Flex>
      ) : entries.isError ? (
        <EmptyStateLayout content={errorMessage(entries.error)} />
      ) : sheet.rows.length === 0 ? (
        <EmptyStateLayout
          content={label('time.emptyWeek', 'Nothing logged this week. Pick a project (and a task) above to add a row.')}
        />
      ) : (
        <TimesheetGrid sheet={sheet} days={days} onOpen={setTarget} onStartTimer={timer ? undefined : start} />
      )}
      <Box paddingTop={4}>
        <Typography variant="pi" textColor="neutral600">
          {label(
            'time.help',
            'Durations as h:mm or hours (1:30 or 1.5). Entries on an invoice can no longer change. The timer keeps running when you leave the page.'
          )}
        </Typography>
      </Box>
      <EntryDialog target={target} onClose={() => setTarget(null)} />
    </Section>
  );
};

export const TimesheetPage = () => {
  const label = useLabel();
  return (
    <StaffGate
      unlinked={label('time.unlinked', 'Your admin account acts as no person of the agency, so it has no timesheet.')}
    >
      {(session) =>
        session.capabilities.logTime ? (
          <Timesheet person={session.person} />
        ) : (
          <EmptyStateLayout
            hasRadius
            shadow="tableShadow"
            content={label(
              'time.cannotLog',
              '{name} does not log time: only agency people (Owner, Member, Member+) keep a timesheet.',
              { name: session.person.name }
            )}
          />
        )
      }
    </StaffGate>
  );
};
