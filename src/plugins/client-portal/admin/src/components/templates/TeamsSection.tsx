import {
  Box,
  Button,
  Field,
  Flex,
  Loader,
  MultiSelect,
  MultiSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useState, type FormEvent } from 'react';
import { usePeople } from '../../utils/api';
import { useTeams } from '../../utils/estimate-api';
import { useLabel } from '../../utils/use-label';
import { usePortalAction } from '../../utils/use-portal-action';
import { TableHead } from '../TableHead';

const nameOf = (person: { firstName: string | null; lastName: string | null; email?: string }) =>
  [person.firstName, person.lastName].filter(Boolean).join(' ') || person.email || '—';

/** Teams of agency people: adding a team to a project makes its members project members. */
export const TeamsSection = () => {
  const { label } = useLabel();
  const teams = useTeams();
  const people = usePeople();
  const write = usePortalAction();
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const staff = (people.data ?? []).filter(
    (person) => (person.role === 'owner' || person.role === 'member') && !person.archivedAt
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await write.run(
      { path: '/teams', body: { data: { name: name.trim(), members: members.map(Number) } } },
      label('teams.created', 'Team saved'),
      () => {
        setName('');
        setMembers([]);
      }
    );
  };

  const rows = teams.data?.data ?? [];
  return (
    <>
      {teams.isLoading || teams.isIdle ? (
        <Loader>{label('common.loading', 'Loading')}</Loader>
      ) : rows.length === 0 ? (
        <Typography tag="p" textColor="neutral600">
          {label('teams.empty', 'No teams yet.')}
        </Typography>
      ) : (
        <Table colCount={2} rowCount={rows.length + 1}>
          <TableHead
            columns={[
              ['teams.name', 'Team'],
              ['teams.members', 'Members'],
            ]}
          />
          <Tbody>
            {rows.map((team) => (
              <Tr key={team.documentId}>
                <Td>
                  <Typography fontWeight="semiBold">{team.name}</Typography>
                </Td>
                <Td>
                  <Typography>{(team.members ?? []).map(nameOf).join(', ') || '—'}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Box tag="form" onSubmit={submit} aria-label={label('teams.new', 'New team')} paddingTop={4}>
        <Flex gap={4} alignItems="flex-end">
          <Field.Root name="teamName" required>
            <Field.Label>{label('teams.name', 'Team')}</Field.Label>
            <TextInput value={name} onChange={(event) => setName(event.target.value)} />
          </Field.Root>
          <Box flex="1">
            <Field.Root name="teamMembers">
              <Field.Label>{label('teams.members', 'Members')}</Field.Label>
              <MultiSelect value={members} onChange={(value: string[]) => setMembers(value)} withTags>
                {staff.map((person) => (
                  <MultiSelectOption key={person.id} value={String(person.id)}>
                    {nameOf(person)}
                  </MultiSelectOption>
                ))}
              </MultiSelect>
            </Field.Root>
          </Box>
          <Button type="submit" loading={write.isLoading} disabled={!name.trim()}>
            {label('teams.save', 'Save team')}
          </Button>
        </Flex>
      </Box>
    </>
  );
};
