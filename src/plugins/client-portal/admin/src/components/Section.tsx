import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

/** A white card with a heading, the building block of every page. */
export const Section = ({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius marginBottom={6}>
    <Flex justifyContent="space-between" alignItems="center" marginBottom={4} gap={4}>
      <Typography tag="h2" variant="delta">
        {title}
      </Typography>
      {actions}
    </Flex>
    {children}
  </Box>
);
