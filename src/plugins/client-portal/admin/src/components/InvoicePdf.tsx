import { Box, Loader, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { messageOf } from '../utils/money-api';
import { usePortalApi } from '../utils/session';
import { useLabel } from '../utils/use-label';

/** The invoice's PDF inside the page: fetched as the person, shown from an object URL. */
export const InvoicePdf = ({
  documentId,
  version,
  collection = 'invoices',
}: {
  documentId: string;
  version: string;
  /** Estimates have a PDF too. */
  collection?: 'invoices' | 'estimates';
}) => {
  const { label } = useLabel();
  const api = usePortalApi();
  const [url, setUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    setUrl(null);
    setProblem(null);
    api<Blob>(`/${collection}/${documentId}/pdf`, { as: 'blob' })
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        setUrl(objectUrl);
      })
      .catch((error) => !cancelled && setProblem(messageOf(error)));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, collection, documentId, version]);

  if (problem) {
    return (
      <Typography textColor="danger600" role="alert">
        {problem}
      </Typography>
    );
  }
  if (!url) return <Loader small>{label('common.loading', 'Loading')}</Loader>;
  return (
    <Box borderColor="neutral200" hasRadius>
      <iframe
        src={url}
        title={label('invoices.pdf', 'Invoice PDF')}
        data-testid={`${collection.slice(0, -1)}-pdf`}
        style={{ width: '100%', height: '640px', border: 0 }}
      />
    </Box>
  );
};
