import { Alert, Box } from '@strapi/design-system';
import { failureText, type PreviewFailure } from '../../utils/preview-logic';
import { useLabel } from '../../utils/use-label';

/** A refused or failed request, as an error: "Refused (403): …", never as what the client sees. */
export const FailureAlert = ({ failure, title }: { failure: PreviewFailure; title?: string }) => {
  const { label } = useLabel();
  const text = failureText(failure, label);
  return (
    <Box marginBottom={2}>
      <Alert variant="danger" title={title ?? text} closeLabel={label('common.close', 'Close')}>
        {title ? text : ''}
      </Alert>
    </Box>
  );
};
