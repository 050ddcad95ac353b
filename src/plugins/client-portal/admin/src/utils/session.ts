import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback } from 'react';
import { useQuery } from 'react-query';
import { PLUGIN_ID, type StaffSession } from '../../../shared/contracts';

/** Refresh the content-API token a minute before it expires. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Whom the admin acts as (docs/admin-panel.md#staff-identity): the linked person's rules,
 * capabilities, and a short-lived content-API token. Cached and renewed before expiry.
 */
export const useStaffSession = () => {
  const { get } = useFetchClient();
  return useQuery(
    [PLUGIN_ID, 'session'],
    async () => (await get<{ data: StaffSession }>(`/${PLUGIN_ID}/session`)).data.data,
    {
      staleTime: 5 * 60_000,
      refetchInterval: (session) =>
        session?.expiresAt
          ? Math.max(5_000, new Date(session.expiresAt).getTime() - Date.now() - REFRESH_MARGIN_MS)
          : false,
    }
  );
};

/** A content-API failure in Strapi's error format, kept whole for the page to show. */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
  }
}

/**
 * Calls the content API (`/api/…`) as the person the admin acts as, so pages read and
 * write under exactly the REST rules. Resolves to the parsed JSON body (or the raw
 * Blob for binary answers such as PDFs); rejects with a PortalApiError.
 */
export const usePortalApi = () => {
  const session = useStaffSession();
  const jwt = session.data?.jwt ?? null;
  return useCallback(
    async <T = unknown>(
      path: string,
      init: { method?: string; body?: unknown; as?: 'json' | 'blob' | 'text' } = {}
    ): Promise<T> => {
      if (!jwt) throw new PortalApiError(403, 'Your admin account acts as no person of the agency');
      const response = await fetch(
        `${(window.strapi as { backendURL?: string } | undefined)?.backendURL ?? ''}/api${path}`,
        {
          method: init.method ?? 'GET',
          headers: {
            authorization: `Bearer ${jwt}`,
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        }
      );
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message?: string; details?: Record<string, unknown> };
        } | null;
        throw new PortalApiError(response.status, body?.error?.message ?? response.statusText, body?.error?.details);
      }
      if (response.status === 204) return undefined as T;
      if (init.as === 'blob') return (await response.blob()) as T;
      if (init.as === 'text') return (await response.text()) as T;
      return (await response.json()) as T;
    },
    [jwt]
  );
};
