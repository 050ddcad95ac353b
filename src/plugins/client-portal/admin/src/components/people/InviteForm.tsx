import {
  Alert,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Grid,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
} from '@strapi/design-system';
import { useState, type FormEvent } from 'react';
import { PORTAL_ROLE_TYPES, type PortalRoleType } from '../../../../shared/contracts';
import { useDirectory, useInvite } from '../../utils/api';
import { describeError, FLAGS_OF, invitationPayload } from '../../utils/logic';
import { useLabel } from '../../utils/use-label';
import { FLAG_LABELS, useRoleName } from './labels';

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

/** Invites a person by email with role, flags, company and projects (docs/roles-and-capabilities.md); the seat limit in words. */
export const InviteForm = () => {
  const { label } = useLabel();
  const roleName = useRoleName();
  const invite = useInvite();
  const directory = useDirectory();
  const [form, setForm] = useState(EMPTY_INVITATION);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [sent, setSent] = useState<string | null>(null);
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
    <form onSubmit={submit} aria-label={label('invite.form', 'Invite')}>
      {problem && (
        <Box marginBottom={4}>
          <Alert
            variant="danger"
            title={label('invite.failed', 'The invitation was not sent')}
            closeLabel={label('common.close', 'Close')}
            onClose={() => setProblem(null)}
          >
            {problem.message}
          </Alert>
        </Box>
      )}
      {sent && (
        <Box marginBottom={4}>
          <Alert
            variant="success"
            title={label('invite.sent', 'Invitation sent')}
            closeLabel={label('common.close', 'Close')}
            onClose={() => setSent(null)}
          >
            {sent}
          </Alert>
        </Box>
      )}
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          {text('email', 'Email')}
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name="role" error={problem?.fields.role}>
            <Field.Label>{label('invite.role', 'Role')}</Field.Label>
            <SingleSelect value={form.role} onChange={(value) => set('role', value as PortalRoleType)}>
              {PORTAL_ROLE_TYPES.map((role) => (
                <SingleSelectOption key={role} value={role}>
                  {roleName(role)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('firstName', 'First name')}
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('lastName', 'Last name')}
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {text('title', 'Title')}
        </Grid.Item>
        {FLAGS_OF[form.role].length > 0 && (
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Flex gap={6}>
              {FLAGS_OF[form.role].map((flag) => (
                <Checkbox key={flag} checked={form[flag]} onCheckedChange={(checked) => set(flag, checked === true)}>
                  {label(`flag.${flag}`, FLAG_LABELS[flag])}
                </Checkbox>
              ))}
            </Flex>
          </Grid.Item>
        )}
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
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
        <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
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
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <Field.Root name="language" error={problem?.fields.language}>
            <Field.Label>{label('invite.language', 'Language')}</Field.Label>
            <SingleSelect value={form.language} onChange={(value) => set('language', String(value))}>
              <SingleSelectOption value="en">English</SingleSelectOption>
              <SingleSelectOption value="de">Deutsch</SingleSelectOption>
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          {text('message', 'Personal message')}
        </Grid.Item>
      </Grid.Root>
      <Box paddingTop={4}>
        <Button type="submit" loading={invite.isLoading}>
          {label('invite.submit', 'Send invitation')}
        </Button>
      </Box>
    </form>
  );
};
