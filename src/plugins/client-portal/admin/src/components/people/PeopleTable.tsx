import {
  EmptyStateLayout,
  Flex,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
} from '@strapi/design-system';
import { useMemo, useState } from 'react';
import { PORTAL_ROLE_TYPES, type PersonSummary, type PortalRoleType } from '../../../../shared/contracts';
import { useAdminLinks } from '../../utils/api';
import {
  ALL,
  companiesOf,
  filterPeople,
  NO_COMPANY,
  NO_FILTER,
  PEOPLE_PAGE_SIZE,
  type PeopleFilter,
} from '../../utils/people-logic';
import { useLabel } from '../../utils/use-label';
import { useRoleName } from './labels';
import { PersonRow } from './PersonRow';
import { Pager } from '../Pager';
import { TableHead } from '../TableHead';
import { paginate } from '../../utils/paging';

const COLUMNS: [string, string][] = [
  ['people.person', 'Person'],
  ['people.role', 'Role'],
  ['people.permissions', 'Permissions'],
  ['people.company', 'Company'],
  ['people.projects', 'Projects'],
];

/** Everyone in one table: search by name or email, filter by role and company, ten a page. */
export const PeopleTable = ({
  people,
  readOnly,
  canDelete,
}: {
  people: PersonSummary[];
  readOnly: boolean;
  canDelete: boolean;
}) => {
  const { label } = useLabel();
  const roleName = useRoleName();
  const adminLinks = useAdminLinks();
  const [filter, setFilter] = useState<PeopleFilter>(NO_FILTER);
  const [page, setPage] = useState(1);
  const companies = useMemo(() => companiesOf(people), [people]);
  const slice = paginate(filterPeople(people, filter), page, PEOPLE_PAGE_SIZE);
  const change = (next: Partial<PeopleFilter>) => {
    setFilter((current) => ({ ...current, ...next }));
    setPage(1);
  };
  const columns = readOnly ? COLUMNS : [...COLUMNS, ['people.actions', 'Actions'] as [string, string]];

  return (
    <>
      <Flex gap={4} marginBottom={4} alignItems="center" wrap="wrap">
        <Flex flex="1" minWidth="24rem">
          <Searchbar
            name="search"
            value={filter.query}
            placeholder={label('people.search', 'Search by name or email')}
            onChange={(event) => change({ query: event.target.value })}
            onClear={() => change({ query: '' })}
            clearLabel={label('people.clearSearch', 'Clear the search')}
          >
            {label('people.search', 'Search by name or email')}
          </Searchbar>
        </Flex>
        <SingleSelect
          aria-label={label('people.filterRole', 'Filter by role')}
          value={filter.role}
          onChange={(value) => change({ role: value as PortalRoleType | typeof ALL })}
        >
          <SingleSelectOption value={ALL}>{label('people.allRoles', 'All roles')}</SingleSelectOption>
          {PORTAL_ROLE_TYPES.map((role) => (
            <SingleSelectOption key={role} value={role}>
              {roleName(role)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <SingleSelect
          aria-label={label('people.filterCompany', 'Filter by company')}
          value={filter.company}
          onChange={(value) => change({ company: String(value) })}
        >
          <SingleSelectOption value={ALL}>{label('people.allCompanies', 'All companies')}</SingleSelectOption>
          {companies.map((company) => (
            <SingleSelectOption key={company.documentId} value={company.documentId}>
              {company.name}
            </SingleSelectOption>
          ))}
          <SingleSelectOption value={NO_COMPANY}>{label('people.noCompany', 'No company')}</SingleSelectOption>
        </SingleSelect>
      </Flex>
      {slice.total === 0 ? (
        <EmptyStateLayout content={label('people.noMatch', 'No one matches this search and these filters.')} />
      ) : (
        <Table colCount={columns.length} rowCount={slice.rows.length + 1}>
          <TableHead columns={columns} />
          <Tbody>
            {slice.rows.map((person) => (
              <PersonRow
                key={person.id}
                person={person}
                readOnly={readOnly}
                canDelete={canDelete}
                link={adminLinks.data?.find((link) => link.personId === person.id)}
              />
            ))}
          </Tbody>
        </Table>
      )}
      <Pager
        slice={slice}
        onPage={setPage}
        testId="people-range"
        name={label('people.pages', 'Pages of people')}
        range={['people.range', '{from}–{to} of {total, plural, one {# person} other {# people}}']}
      />
    </>
  );
};
