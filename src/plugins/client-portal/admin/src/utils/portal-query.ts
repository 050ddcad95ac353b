import { useQuery } from 'react-query';
import { PLUGIN_ID } from '../../../shared/contracts';
import { usePortalApi, useStaffSession } from './session';

/**
 * A content-API GET as the person the admin acts as, cached per person with react-query;
 * waits for the staff session's token.
 */
export const usePortalQuery = <T>(key: unknown[], path: string, enabled = true) => {
  const session = useStaffSession();
  const api = usePortalApi();
  return useQuery([PLUGIN_ID, 'portal', session.data?.person?.id ?? null, ...key], () => api<T>(path), {
    enabled: enabled && Boolean(session.data?.jwt),
    retry: false,
  });
};

/** Downloads a CSV (or any) answer of the content API as a file. */
export const useDownload = () => {
  const api = usePortalApi();
  return async (path: string, fileName: string) => {
    const blob = await api<Blob>(path, { as: 'blob' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
};
