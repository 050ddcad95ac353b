import { Loader, Typography } from '@strapi/design-system';
import type { UseQueryResult } from 'react-query';
import { messageOf } from '../utils/money-api';
import { useLabel } from '../utils/use-label';

/** What shows while a query has no answer: the loader while it loads, the server's message when it failed. */
export const QueryFallback = ({ query }: { query: UseQueryResult<unknown> }) => {
  const { label } = useLabel();
  if (query.isLoading || query.isIdle) return <Loader>{label('common.loading', 'Loading')}</Loader>;
  return (
    <Typography textColor="danger600" role="alert">
      {messageOf(query.error)}
    </Typography>
  );
};
