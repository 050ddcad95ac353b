import { Box, Main, Typography } from '@strapi/design-system';
import { Layouts } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/translations';

export const HomePage = () => {
  const { formatMessage } = useIntl();
  return (
    <Main>
      <Layouts.Header
        title={formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Client portal' })}
        subtitle={formatMessage({
          id: getTranslation('home.subtitle'),
          defaultMessage: 'People, seats and what your clients can see.',
        })}
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Typography tag="p" variant="omega">
            {formatMessage({
              id: getTranslation('home.empty'),
              defaultMessage: 'Nothing here yet.',
            })}
          </Typography>
        </Box>
      </Layouts.Content>
    </Main>
  );
};
