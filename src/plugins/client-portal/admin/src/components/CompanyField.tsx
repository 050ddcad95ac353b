import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useCompanies } from '../utils/money-api';
import { useLabel } from '../utils/use-label';

/** The required "Company" of a new estimate or project: one of the companies the person sees. */
export const CompanyField = ({
  name,
  value,
  error,
  onChange,
}: {
  /** The field's name (one per page). */
  name: string;
  value: string;
  error?: string;
  onChange: (documentId: string) => void;
}) => {
  const { label } = useLabel();
  const companies = useCompanies();
  return (
    <Field.Root name={name} error={error} required>
      <Field.Label>{label('invoices.company', 'Company')}</Field.Label>
      <SingleSelect
        value={value}
        placeholder={label('estimates.chooseCompany', 'Choose a company')}
        onChange={(chosen) => onChange(String(chosen))}
      >
        {(companies.data?.data ?? []).map((company) => (
          <SingleSelectOption key={company.documentId} value={company.documentId}>
            {company.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Error />
    </Field.Root>
  );
};
