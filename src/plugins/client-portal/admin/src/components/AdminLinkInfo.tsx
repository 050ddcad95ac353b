import { Badge, Button, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { AdminLink, PersonSummary } from '../../../shared/contracts';
import { useAdminUsers, useLinkAdmin } from '../utils/api';
import { describeError } from '../utils/logic';
import { useStaffSession } from '../utils/session';
import { getTranslation } from '../utils/translations';

const NONE = 'none';

/**
 * Staff identity (docs/admin-panel.md#staff-identity) on People & seats: which admin account acts as this agency
 * person (same email, or a link an Owner sets here), and a warning when that admin
 * holds Content Manager rights although the person is not an Owner.
 */
export const AdminLinkInfo = ({ person, link }: { person: PersonSummary; link: AdminLink | undefined }) => {
  const { formatMessage } = useIntl();
  const session = useStaffSession();
  const isOwner = session.data?.capabilities.managePeople === true && session.data.person?.role === 'owner';
  const admins = useAdminUsers();
  const setLink = useLinkAdmin();
  const [problem, setProblem] = useState<string | null>(null);
  const current = link?.via === 'link' ? String(link.admin.id) : NONE;
  // A pick is only a proposal until "Link" is pressed: a stray selection changes nobody's identity.
  const [picked, setPicked] = useState<string | null>(null);
  const label = (id: string, fallback: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage: fallback }, values);
  if (person.role !== 'owner' && person.role !== 'member') return null;

  const save = async (value: string) => {
    setProblem(null);
    try {
      await setLink.mutateAsync({ personId: person.id, adminUserId: value === NONE ? null : Number(value) });
      setPicked(null);
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };

  return (
    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1}>
      {link ? (
        <Typography variant="pi" textColor="neutral600">
          {label(
            link.via === 'link' ? 'people.admin.linked' : 'people.admin.sameEmail',
            link.via === 'link' ? 'Admin account: {email}' : 'Admin account: {email} (same email)',
            { email: link.admin.email }
          )}
        </Typography>
      ) : (
        <Typography variant="pi" textColor="neutral500">
          {label('people.admin.none', 'No admin account')}
        </Typography>
      )}
      {link?.contentManagerWithoutOwner && (
        <Badge backgroundColor="danger100" textColor="danger700">
          {label('people.admin.contentManager', 'Content Manager access without Owner role')}
        </Badge>
      )}
      {isOwner && (admins.data?.length ?? 0) > 0 && (
        <Flex gap={2}>
          <SingleSelect
            size="S"
            aria-label={label('people.admin.select', 'Admin account of {name}', { name: person.email })}
            value={picked ?? current}
            onChange={(value) => setPicked(String(value))}
          >
            <SingleSelectOption value={NONE}>{label('people.admin.byEmail', 'By email only')}</SingleSelectOption>
            {(admins.data ?? []).map((admin) => (
              <SingleSelectOption key={admin.id} value={String(admin.id)}>
                {admin.email}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          {picked !== null && picked !== current && (
            <Button size="S" loading={setLink.isLoading} onClick={() => save(picked)}>
              {label('people.admin.save', 'Link')}
            </Button>
          )}
        </Flex>
      )}
      {problem && (
        <Typography variant="pi" textColor="danger600" role="alert">
          {problem}
        </Typography>
      )}
    </Flex>
  );
};
