import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Dialog,
  Field,
  Flex,
  Grid,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import {
  PORTAL_ROLE_TYPES,
  PORTAL_ROLES,
  type AdminLink,
  type PersonSummary,
  type PortalRoleType,
} from '../../../shared/contracts';
import { AdminLinkInfo } from '../components/AdminLinkInfo';
import { Section } from '../components/Section';
import {
  useAdminLinks,
  useArchive,
  useDeletePerson,
  useDirectory,
  useInvitations,
  useInvite,
  usePeople,
  useRevoke,
  useSeats,
  useUpdatePerson,
} from '../utils/api';
import {
  describeError,
  displayName,
  FLAGS_OF,
  groupByRole,
  invitationPayload,
  permissionsOf,
  seatState,
} from '../utils/logic';
import { usePortalPermissions } from '../utils/permissions';
import { getTranslation } from '../utils/translations';

const FLAG_LABELS = {
  canManageProjects: 'Projects, people, reports',
  canManageFinances: 'Time and finances',
  clientManager: 'Client Manager',
} as const;

const EMPTY_INVITATION = {
  email: '',
  role: 'client' as PortalRoleType,
  firstName: '',
  lastName: '',
  title: '',
  language: 'en',
  message: '',
  company: '',
  projects: [] as string[],
  canManageProjects: false,
  canManageFinances: false,
  clientManager: false,
};

const SeatsBox = () => {
  const { formatMessage } = useIntl();
  const seats = useSeats();
  if (!seats.data) return null;
  const state = seatState(seats.data);
  return (
    <Flex gap={3} alignItems="center" marginBottom={4} aria-label="Seats" role="status">
      <Typography variant="beta" data-testid="seat-count">
        {state.kind === 'unlimited'
          ? formatMessage(
              { id: getTranslation('seats.unlimited'), defaultMessage: '{used} seats used (unlimited plan)' },
              { used: state.used }
            )
          : formatMessage(
              { id: getTranslation('seats.used'), defaultMessage: '{used} of {limit} seats used' },
              { used: state.used, limit: state.limit }
            )}
      </Typography>
      {state.kind === 'full' && (
        <Badge active>{formatMessage({ id: getTranslation('seats.full'), defaultMessage: 'Full' })}</Badge>
      )}
    </Flex>
  );
};

const InviteForm = () => {
  const { formatMessage } = useIntl();
  const invite = useInvite();
  const directory = useDirectory();
  const [form, setForm] = useState(EMPTY_INVITATION);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const label = (id: string, fallback: string) => formatMessage({ id: getTranslation(id), defaultMessage: fallback });
  const set = (key: keyof typeof EMPTY_INVITATION, value: unknown) =>
    setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSent(null);
    try {
      await invite.mutateAsync(invitationPayload(form));
      setSent(form.email);
      setForm(EMPTY_INVITATION);
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  const text = (key: 'email' | 'firstName' | 'lastName' | 'title' | 'message', fallback: string) => (
    <Field.Root name={key} error={problem?.fields[key]} required={key === 'email'}>
      <Field.Label>{label(`invite.${key}`, fallback)}</Field.Label>
      <Field.Input value={form[key]} onChange={(event) => set(key, event.target.value)} />
      <Field.Error />
    </Field.Root>
  );

  return (
    <form onSubmit={submit} aria-label="Invite">
      {problem && (
        <Box marginBottom={4}>
          <Alert variant="danger" title={label('invite.failed', 'The invitation was not sent')} closeLabel="Close">
            {problem.message}
          </Alert>
        </Box>
      )}
      {sent && (
        <Box marginBottom={4}>
          <Alert variant="success" title={label('invite.sent', 'Invitation sent')} closeLabel="Close">
            {sent}
          </Alert>
        </Box>
      )}
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12}>
          {text('email', 'Email')}
        </Grid.Item>
        <Grid.Item col={6} s={12}>
          <Field.Root name="role" error={problem?.fields.role}>
            <Field.Label>{label('invite.role', 'Role')}</Field.Label>
            <SingleSelect value={form.role} onChange={(value) => set('role', value as PortalRoleType)}>
              {PORTAL_ROLE_TYPES.map((role) => (
                <SingleSelectOption key={role} value={role}>
                  {PORTAL_ROLES[role].name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          {text('firstName', 'First name')}
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          {text('lastName', 'Last name')}
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          {text('title', 'Title')}
        </Grid.Item>
        <Grid.Item col={12}>
          <Flex gap={6}>
            {FLAGS_OF[form.role].map((flag) => (
              <Checkbox key={flag} checked={form[flag]} onCheckedChange={(checked) => set(flag, checked === true)}>
                {label(`flag.${flag}`, FLAG_LABELS[flag])}
              </Checkbox>
            ))}
          </Flex>
        </Grid.Item>
        <Grid.Item col={4} s={12}>
          <Field.Root name="company" error={problem?.fields.company}>
            <Field.Label>{label('invite.company', 'Company')}</Field.Label>
            <SingleSelect
              value={form.company || undefined}
              placeholder={label('invite.companyDefault', 'The agency (staff) / required for clients')}
              onChange={(value) => set('company', String(value))}
            >
              {(directory.data?.companies ?? []).map((company) => (
                <SingleSelectOption key={company.documentId} value={company.documentId}>
                  {company.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={5} s={12}>
          <Field.Root name="projects" error={problem?.fields.projects}>
            <Field.Label>{label('invite.projects', 'Projects')}</Field.Label>
            <MultiSelect value={form.projects} withTags onChange={(values) => set('projects', values)}>
              {(directory.data?.projects ?? []).map((project) => (
                <MultiSelectOption key={project.documentId} value={project.documentId}>
                  {project.company ? `${project.name} (${project.company})` : project.name}
                </MultiSelectOption>
              ))}
            </MultiSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={3} s={12}>
          <Field.Root name="language" error={problem?.fields.language}>
            <Field.Label>{label('invite.language', 'Language')}</Field.Label>
            <SingleSelect value={form.language} onChange={(value) => set('language', String(value))}>
              <SingleSelectOption value="en">English</SingleSelectOption>
              <SingleSelectOption value="de">Deutsch</SingleSelectOption>
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={12}>{text('message', 'Personal message')}</Grid.Item>
      </Grid.Root>
      <Box paddingTop={4}>
        <Button type="submit" loading={invite.isLoading}>
          {label('invite.submit', 'Send invitation')}
        </Button>
      </Box>
    </form>
  );
};

const PersonRow = ({
  person,
  readOnly,
  link,
}: {
  person: PersonSummary;
  readOnly: boolean;
  link: AdminLink | undefined;
}) => {
  const { formatMessage } = useIntl();
  const update = useUpdatePerson();
  const archive = useArchive();
  const remove = useDeletePerson();
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  const label = (id: string, fallback: string) => formatMessage({ id: getTranslation(id), defaultMessage: fallback });

  return (
    <Tr aria-label={displayName(person)}>
      <Td>
        <Typography fontWeight="bold">{displayName(person)}</Typography>
        <Typography variant="pi" textColor="neutral600" tag="p">
          {person.email}
        </Typography>
        <AdminLinkInfo person={person} link={link} />
        {problem && (
          <Typography variant="pi" textColor="danger600" tag="p" role="alert">
            {problem}
          </Typography>
        )}
      </Td>
      <Td>
        <SingleSelect
          aria-label={label('people.role', 'Role')}
          value={person.role}
          disabled={readOnly}
          onChange={(role) => run(() => update.mutateAsync({ id: person.id, change: { role } }))}
        >
          {PORTAL_ROLE_TYPES.map((role) => (
            <SingleSelectOption key={role} value={role}>
              {PORTAL_ROLES[role].name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Typography variant="pi" tag="p">
          {person.roleLabel}
        </Typography>
      </Td>
      <Td>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {FLAGS_OF[person.role].map((flag) => (
            <Checkbox
              key={flag}
              checked={person[flag]}
              disabled={readOnly}
              onCheckedChange={(checked) =>
                run(() => update.mutateAsync({ id: person.id, change: { [flag]: checked === true } }))
              }
            >
              {label(`flag.${flag}`, FLAG_LABELS[flag])}
            </Checkbox>
          ))}
          {FLAGS_OF[person.role].length === 0 && (
            <Typography variant="pi">{permissionsOf(person).join(', ') || '—'}</Typography>
          )}
        </Flex>
      </Td>
      <Td>
        <Typography>{person.company?.name ?? '—'}</Typography>
      </Td>
      <Td>
        <Typography>{person.projects.map((project) => project.name).join(', ') || '—'}</Typography>
      </Td>
      <Td>
        <Flex gap={2} hidden={readOnly}>
          <Button
            variant="tertiary"
            size="S"
            onClick={() => run(() => archive.mutateAsync({ id: person.id, archived: !person.archivedAt }))}
          >
            {person.archivedAt ? label('people.unarchive', 'Unarchive') : label('people.archive', 'Archive')}
          </Button>
          <Dialog.Root>
            <Dialog.Trigger>
              <Button variant="danger-light" size="S">
                {label('people.delete', 'Delete')}
              </Button>
            </Dialog.Trigger>
            <Dialog.Content>
              <Dialog.Header>{label('people.deleteTitle', 'Delete this person?')}</Dialog.Header>
              <Dialog.Body>
                {formatMessage(
                  {
                    id: getTranslation('people.deleteBody'),
                    defaultMessage: '{name} is deleted permanently. This cannot be undone.',
                  },
                  { name: displayName(person) }
                )}
              </Dialog.Body>
              <Dialog.Footer>
                <Dialog.Cancel>
                  <Button variant="tertiary">{label('common.cancel', 'Cancel')}</Button>
                </Dialog.Cancel>
                <Dialog.Action>
                  <Button variant="danger" onClick={() => run(() => remove.mutateAsync(person.id))}>
                    {label('people.confirmDelete', 'Delete permanently')}
                  </Button>
                </Dialog.Action>
              </Dialog.Footer>
            </Dialog.Content>
          </Dialog.Root>
        </Flex>
      </Td>
    </Tr>
  );
};

const Invitations = () => {
  const { formatMessage } = useIntl();
  const invitations = useInvitations();
  const revoke = useRevoke();
  const { canManagePeople } = usePortalPermissions();
  if (!invitations.data?.length) {
    return (
      <Typography>
        {formatMessage({ id: getTranslation('invitations.none'), defaultMessage: 'No pending invitations.' })}
      </Typography>
    );
  }
  return (
    <Table colCount={4} rowCount={invitations.data.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">Email</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">
              {formatMessage({ id: getTranslation('invite.role'), defaultMessage: 'Role' })}
            </Typography>
          </Th>
          <Th>
            <Typography variant="sigma">
              {formatMessage({ id: getTranslation('invitations.expires'), defaultMessage: 'Expires' })}
            </Typography>
          </Th>
          <Th>
            <Typography variant="sigma">&nbsp;</Typography>
          </Th>
        </Tr>
      </Thead>
      <Tbody>
        {invitations.data.map((invitation) => (
          <Tr key={invitation.id}>
            <Td>
              <Typography>{invitation.email}</Typography>
            </Td>
            <Td>
              <Typography>{PORTAL_ROLES[invitation.role].name}</Typography>
            </Td>
            <Td>
              <Typography>{new Date(invitation.expiresAt).toLocaleDateString()}</Typography>
            </Td>
            <Td>
              <Button
                variant="danger-light"
                size="S"
                disabled={!canManagePeople}
                onClick={() => revoke.mutate(invitation.id)}
              >
                {formatMessage({ id: getTranslation('invitations.revoke'), defaultMessage: 'Revoke' })}
              </Button>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

export const PeoplePage = () => {
  const { formatMessage } = useIntl();
  const people = usePeople();
  const adminLinks = useAdminLinks();
  const { canManagePeople } = usePortalPermissions();
  const label = (id: string, fallback: string) => formatMessage({ id: getTranslation(id), defaultMessage: fallback });
  if (people.isLoading) return <Page.Loading />;
  if (people.isError) return <Page.Error />;
  return (
    <>
      <Section title={label('seats.title', 'Seats')}>
        <SeatsBox />
        {canManagePeople && <InviteForm />}
      </Section>
      <Section title={label('invitations.title', 'Pending invitations')}>
        <Invitations />
      </Section>
      {groupByRole(people.data ?? []).map((group) => (
        <Section key={group.role} title={PORTAL_ROLES[group.role].name}>
          <Table colCount={6} rowCount={group.people.length + 1}>
            <Thead>
              <Tr>
                {[
                  ['people.person', 'Person'],
                  ['people.role', 'Role'],
                  ['people.permissions', 'Permissions'],
                  ['people.company', 'Company'],
                  ['people.projects', 'Projects'],
                  ['people.actions', 'Actions'],
                ].map(([id, fallback]) => (
                  <Th key={id}>
                    <Typography variant="sigma">{label(id, fallback)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {group.people.map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  readOnly={!canManagePeople}
                  link={adminLinks.data?.find((link) => link.personId === person.id)}
                />
              ))}
            </Tbody>
          </Table>
        </Section>
      ))}
    </>
  );
};
