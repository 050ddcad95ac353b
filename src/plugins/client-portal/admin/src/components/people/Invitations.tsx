import { Button, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useInvitations, useRevoke } from '../../utils/api';
import { describeError, displayName } from '../../utils/logic';
import { usePortalPermissions } from '../../utils/permissions';
import { useLabel } from '../../utils/use-label';
import { useRoleName } from './labels';
import { TableHead } from '../TableHead';

/** Invitations not yet accepted, with their expiry; an admin who manages people revokes them. */
export const Invitations = () => {
  const { label, locale } = useLabel();
  const roleName = useRoleName();
  const invitations = useInvitations();
  const revoke = useRevoke();
  const { canManagePeople } = usePortalPermissions();
  const [problem, setProblem] = useState<string | null>(null);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });

  if (!invitations.data?.length) {
    return <Typography textColor="neutral600">{label('invitations.none', 'No pending invitations.')}</Typography>;
  }
  const withdraw = async (id: number) => {
    setProblem(null);
    try {
      await revoke.mutateAsync(id);
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  const columns: [string, string][] = [
    ['invite.email', 'Email'],
    ['people.person', 'Person'],
    ['invite.role', 'Role'],
    ['invite.company', 'Company'],
    ['invitations.expires', 'Expires'],
    ...(canManagePeople ? [['people.actions', 'Actions'] as [string, string]] : []),
  ];

  return (
    <>
      {problem && (
        <Typography tag="p" textColor="danger600" role="alert" paddingBottom={4}>
          {problem}
        </Typography>
      )}
      <Table colCount={columns.length} rowCount={invitations.data.length + 1}>
        <TableHead columns={columns} />
        <Tbody>
          {invitations.data.map((invitation) => (
            <Tr key={invitation.id} aria-label={invitation.email}>
              <Td>
                <Typography>{invitation.email}</Typography>
              </Td>
              <Td>
                <Typography>{invitation.firstName || invitation.lastName ? displayName(invitation) : '—'}</Typography>
              </Td>
              <Td>
                <Typography>{roleName(invitation.role)}</Typography>
              </Td>
              <Td>
                <Typography>{invitation.company?.name ?? '—'}</Typography>
              </Td>
              <Td>
                <Typography>{day.format(new Date(invitation.expiresAt))}</Typography>
              </Td>
              {canManagePeople && (
                <Td>
                  <Button variant="danger-light" size="S" onClick={() => withdraw(invitation.id)}>
                    {label('invitations.revoke', 'Revoke')}
                  </Button>
                </Td>
              )}
            </Tr>
          ))}
        </Tbody>
      </Table>
    </>
  );
};
