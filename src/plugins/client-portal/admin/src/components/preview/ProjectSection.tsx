import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { Section } from '../Section';
import { entryOf, projectFacts, type PreviewOutcome } from '../../utils/preview-logic';
import { useLabel } from '../../utils/use-label';
import { FailureAlert } from './FailureAlert';

/** The project as the client gets it; a 404 says plainly that the client cannot see it. */
export const ProjectSection = ({
  outcome,
  clientName,
}: {
  outcome: PreviewOutcome | 'loading';
  clientName: string;
}) => {
  const { label, locale } = useLabel();
  const title = label('preview.projectSection', 'Project');
  const project = outcome === 'loading' ? null : entryOf(outcome);
  return (
    <Box role="region" aria-label={title}>
      <Section title={title}>
        {outcome === 'loading' && <Loader small>{label('common.loading', 'Loading')}</Loader>}
        {outcome !== 'loading' && outcome.kind === 'notFound' && (
          <FailureAlert
            failure={outcome}
            title={label('preview.notVisible', 'This project is not visible to {name}', { name: clientName })}
          />
        )}
        {outcome !== 'loading' && outcome.kind !== 'ok' && outcome.kind !== 'notFound' && (
          <FailureAlert failure={outcome} />
        )}
        {project && (
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="beta" tag="h3">
              {String(project.name ?? '—')}
            </Typography>
            {typeof project.description === 'string' && project.description !== '' && (
              <Typography tag="p">{project.description}</Typography>
            )}
            <Flex gap={6}>
              {projectFacts(project, { label, locale }).map(([name, value]) => (
                <Typography key={name} textColor="neutral600">
                  {`${name}: ${value}`}
                </Typography>
              ))}
            </Flex>
          </Flex>
        )}
      </Section>
    </Box>
  );
};
