import { CapabilityGate } from '../components/CapabilityGate';
import { Section } from '../components/Section';
import { FromTemplateForm } from '../components/templates/FromTemplateForm';
import { TeamsSection } from '../components/templates/TeamsSection';
import { TemplateForm } from '../components/templates/TemplateForm';
import { TemplateList } from '../components/templates/TemplateList';
import { useLabel } from '../utils/use-label';

/** Templates and teams (docs/admin-panel.md#templates-and-teams): what a new project starts with, and who joins it. */
export const TemplatesPage = () => {
  const { label } = useLabel();
  return (
    <CapabilityGate
      capability="createProjects"
      refusal={label(
        'templates.noAccess',
        'Templates and teams are managed by Owners and Member+ with the projects permission.'
      )}
    >
      <Section title={label('templates.useTemplate', 'New project from a template')}>
        <FromTemplateForm />
      </Section>
      <Section title={label('templates.title', 'Project templates')}>
        <TemplateList />
      </Section>
      <Section title={label('templates.new', 'New template')}>
        <TemplateForm />
      </Section>
      <Section title={label('teams.title', 'Teams')}>
        <TeamsSection />
      </Section>
    </CapabilityGate>
  );
};
