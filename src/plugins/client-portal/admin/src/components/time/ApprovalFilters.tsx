import { Button, Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useLabel, type QueueType } from '../../utils/time-api';
import { formatDay, type QueueFilter, type queueOptions } from '../../utils/time-logic';

type Options = ReturnType<typeof queueOptions>;
const ALL = '*';

/** Time or expenses, then project, person and week. */
export const ApprovalFilters = ({
  type,
  onType,
  filter,
  onFilter,
  options,
}: {
  type: QueueType;
  onType: (type: QueueType) => void;
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  options: Options;
}) => {
  const { locale } = useIntl();
  const label = useLabel();
  const all = label('approvals.all', 'All');
  const select = (
    name: string,
    title: string,
    value: string,
    choices: { value: string; label: string }[],
    set: (value: string | null) => void
  ) => (
    <Field.Root name={name}>
      <Field.Label>{title}</Field.Label>
      <SingleSelect value={value} onChange={(next) => set(next === ALL ? null : String(next))}>
        <SingleSelectOption value={ALL}>{all}</SingleSelectOption>
        {choices.map((choice) => (
          <SingleSelectOption key={choice.value} value={choice.value}>
            {choice.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );

  return (
    <Flex gap={4} alignItems="flex-end" wrap="wrap" marginBottom={4}>
      <Flex gap={2} role="group" aria-label={label('approvals.type', 'Type')}>
        {(['time-entries', 'expenses'] as const).map((option) => (
          <Button
            key={option}
            variant={type === option ? 'default' : 'tertiary'}
            aria-pressed={type === option}
            onClick={() => onType(option)}
          >
            {option === 'time-entries' ? label('approvals.time', 'Time') : label('approvals.expenses', 'Expenses')}
          </Button>
        ))}
      </Flex>
      {select('project', label('time.project', 'Project'), filter.project ?? ALL, options.projects, (project) =>
        onFilter({ ...filter, project })
      )}
      {select(
        'person',
        label('approvals.person', 'Person'),
        filter.person ? String(filter.person) : ALL,
        options.people.map((person) => ({ value: String(person.value), label: person.label })),
        (person) => onFilter({ ...filter, person: person ? Number(person) : null })
      )}
      {select(
        'week',
        label('approvals.week', 'Week'),
        filter.week ?? ALL,
        options.weeks.map((week) => ({
          value: week,
          label: label('approvals.weekOf', 'Week of {day}', { day: formatDay(week, locale) }),
        })),
        (week) => onFilter({ ...filter, week })
      )}
    </Flex>
  );
};
