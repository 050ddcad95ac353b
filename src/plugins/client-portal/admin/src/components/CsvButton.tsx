import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { describeError } from '../utils/logic';
import { useDownload } from '../utils/portal-query';
import { getTranslation } from '../utils/translations';

/** "Export CSV": the report's REST CSV, fetched as the acting person and saved as a file. */
export const CsvButton = ({ path, fileName, label }: { path: string; fileName: string; label: string }) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const download = useDownload();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download(path, fileName);
    } catch (error) {
      toggleNotification({ type: 'danger', message: describeError(error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="secondary" startIcon={<Download />} loading={busy} onClick={run} aria-label={label}>
      {formatMessage({ id: getTranslation('reports.csv'), defaultMessage: 'Export CSV' })}
    </Button>
  );
};
