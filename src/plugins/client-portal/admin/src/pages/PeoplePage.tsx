import { Page } from '@strapi/strapi/admin';
import { InviteForm } from '../components/people/InviteForm';
import { Invitations } from '../components/people/Invitations';
import { PeopleTable } from '../components/people/PeopleTable';
import { SeatBar } from '../components/people/SeatBar';
import { Section } from '../components/Section';
import { usePeople } from '../utils/api';
import { usePortalPermissions } from '../utils/permissions';
import { useLabel } from '../utils/use-label';

/**
 * People & seats (docs/admin-panel.md#people--seats): one table with search, role and company filters and pages; the
 * seat usage bar; invite form; role, flags, archive (confirmed) and delete; pending invitations.
 */
export const PeoplePage = () => {
  const { label } = useLabel();
  const people = usePeople();
  const { canManagePeople, canDeletePeople } = usePortalPermissions();
  if (people.isLoading) return <Page.Loading />;
  if (people.isError) return <Page.Error />;
  return (
    <>
      <Section title={label('people.title', 'People')} actions={<SeatBar />}>
        <PeopleTable people={people.data ?? []} readOnly={!canManagePeople} canDelete={canDeletePeople} />
      </Section>
      {canManagePeople && (
        <Section title={label('invite.heading', 'Invite someone')}>
          <InviteForm />
        </Section>
      )}
      <Section title={label('invitations.title', 'Pending invitations')}>
        <Invitations />
      </Section>
    </>
  );
};
