import {
  Badge,
  Box,
  Button,
  Checkbox,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useState } from 'react';
import {
  PORTAL_ROLE_TYPES,
  type AdminLink,
  type PersonSummary,
  type PortalRoleType,
} from '../../../../shared/contracts';
import { useArchive, useDeletePerson, useUpdatePerson } from '../../utils/api';
import { describeError, displayName, FLAGS_OF } from '../../utils/logic';
import { roleChange } from '../../utils/people-logic';
import { useLabel } from '../../utils/use-label';
import { AdminLinkInfo } from '../AdminLinkInfo';
import { ConfirmDialog } from '../ConfirmDialog';
import { FLAG_LABELS, useRoleName } from './labels';

type Pending = { kind: 'role'; role: PortalRoleType } | { kind: 'archive' } | { kind: 'delete' } | null;

/** One person: role (changed after a confirmation), flags, company, projects, archive and delete. */
export const PersonRow = ({
  person,
  readOnly,
  canDelete,
  link,
}: {
  person: PersonSummary;
  readOnly: boolean;
  /** Only Owners delete people (docs/roles-and-capabilities.md). */
  canDelete: boolean;
  link: AdminLink | undefined;
}) => {
  const { label } = useLabel();
  const roleName = useRoleName();
  const update = useUpdatePerson();
  const archive = useArchive();
  const remove = useDeletePerson();
  const [pending, setPending] = useState<Pending>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const name = displayName(person);
  const run = async (work: () => Promise<unknown>) => {
    setPending(null);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };

  const dialog = () => {
    if (pending?.kind === 'role') {
      const change = roleChange(person, pending.role, roleName);
      const body = [
        change.seat === 'takes' && label('people.roleChange.takesSeat', 'This takes a seat of your plan.'),
        change.seat === 'frees' && label('people.roleChange.freesSeat', 'This frees a seat of your plan.'),
        change.dropsFlags.length > 0 &&
          label('people.roleChange.dropsFlags', 'They lose: {flags}.', {
            flags: change.dropsFlags.map((flag) => label(`flag.${flag}`, FLAG_LABELS[flag])).join(', '),
          }),
        label('people.roleChange.body', 'What they can see and do changes at once.'),
      ].filter(Boolean);
      return {
        title: label('people.roleChange.title', "Change {name}'s role from {from} to {to}?", {
          name: change.name,
          from: change.from,
          to: change.to,
        }),
        body: body.join(' '),
        confirm: label('people.roleChange.confirm', 'Change role'),
        onConfirm: () => run(() => update.mutateAsync({ id: person.id, change: { role: pending.role } })),
      };
    }
    if (pending?.kind === 'archive') {
      return {
        title: label('people.archiveTitle', 'Archive {name}?', { name }),
        body: label(
          'people.archiveBody',
          '{name} can no longer sign in and no longer takes a seat. Their time and history stay; you can unarchive them later.',
          { name }
        ),
        confirm: label('people.archive', 'Archive'),
        onConfirm: () => run(() => archive.mutateAsync({ id: person.id, archived: true })),
      };
    }
    return {
      title: label('people.deleteTitle', 'Delete this person?'),
      body: label('people.deleteBody', '{name} is deleted permanently. This cannot be undone.', { name }),
      confirm: label('people.confirmDelete', 'Delete permanently'),
      onConfirm: () => run(() => remove.mutateAsync(person.id)),
    };
  };

  return (
    <Tr aria-label={name}>
      <Td style={{ whiteSpace: 'normal' }}>
        <Flex gap={2} wrap="wrap">
          <Typography fontWeight="bold">{name}</Typography>
          {person.archivedAt && <Badge>{label('people.archived', 'Archived')}</Badge>}
        </Flex>
        {name !== person.email && (
          <Typography variant="pi" textColor="neutral600" tag="p">
            {person.email}
          </Typography>
        )}
        <AdminLinkInfo person={person} link={link} />
        {problem && (
          <Typography variant="pi" textColor="danger600" tag="p" role="alert">
            {problem}
          </Typography>
        )}
      </Td>
      <Td>
        <Box width="12rem">
          <SingleSelect
            size="S"
            aria-label={label('people.roleOf', 'Role of {name}', { name })}
            value={person.role}
            disabled={readOnly}
            onChange={(role) => role !== person.role && setPending({ kind: 'role', role: role as PortalRoleType })}
          >
            {PORTAL_ROLE_TYPES.map((role) => (
              <SingleSelectOption key={role} value={role}>
                {roleName(role)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
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
          {person.role === 'owner' && (
            <Typography variant="pi" textColor="neutral600">
              {label('people.allPermissions', 'Everything')}
            </Typography>
          )}
        </Flex>
      </Td>
      <Td>
        <Typography>{person.company?.name ?? '—'}</Typography>
      </Td>
      <Td style={{ whiteSpace: 'normal' }}>
        <Typography variant="pi">{person.projects.map((project) => project.name).join(', ') || '—'}</Typography>
      </Td>
      {!readOnly && (
        <Td>
          <Flex gap={2} justifyContent="flex-end">
            {person.archivedAt ? (
              <Button
                variant="tertiary"
                size="S"
                onClick={() => run(() => archive.mutateAsync({ id: person.id, archived: false }))}
              >
                {label('people.unarchive', 'Unarchive')}
              </Button>
            ) : (
              <Button variant="tertiary" size="S" onClick={() => setPending({ kind: 'archive' })}>
                {label('people.archive', 'Archive')}
              </Button>
            )}
            {canDelete && (
              <Button variant="danger-light" size="S" onClick={() => setPending({ kind: 'delete' })}>
                {label('people.delete', 'Delete')}
              </Button>
            )}
          </Flex>
          {pending && <ConfirmDialog open {...dialog()} onClose={() => setPending(null)} />}
        </Td>
      )}
    </Tr>
  );
};
