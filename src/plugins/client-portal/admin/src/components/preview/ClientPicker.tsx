import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { PersonSummary } from '../../../../shared/contracts';
import { displayName } from '../../utils/logic';
import { useLabel } from '../../utils/use-label';

interface Props {
  clients: PersonSummary[];
  clientId: number | null;
  projectId: string | null;
  onClient: (id: number) => void;
  onProject: (documentId: string) => void;
}

/** Which client, and which of their projects, to look through. */
export const ClientPicker = ({ clients, clientId, projectId, onClient, onProject }: Props) => {
  const { label } = useLabel();
  const client = clients.find((person) => person.id === clientId) ?? null;
  return (
    <Flex gap={4} alignItems="flex-end" wrap="wrap">
      <Field.Root name="client">
        <Field.Label>{label('preview.client', 'Client')}</Field.Label>
        <SingleSelect
          value={clientId === null ? undefined : String(clientId)}
          onChange={(value) => onClient(Number(value))}
          placeholder={label('preview.pickClient', 'Pick a client')}
        >
          {clients.map((person) => (
            <SingleSelectOption key={person.id} value={String(person.id)}>
              {`${displayName(person)} (${person.roleLabel}, ${person.company?.name ?? '—'})`}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name="project">
        <Field.Label>{label('preview.project', 'Project')}</Field.Label>
        <SingleSelect
          disabled={!client}
          value={projectId ?? undefined}
          onChange={(value) => onProject(String(value))}
          placeholder={label('preview.pickProject', 'Pick a project')}
        >
          {(client?.projects ?? []).map((option) => (
            <SingleSelectOption key={option.documentId} value={option.documentId}>
              {option.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Flex>
  );
};
