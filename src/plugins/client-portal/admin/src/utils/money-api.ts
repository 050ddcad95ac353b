import { useMutation, useQuery, useQueryClient } from 'react-query';
import { PLUGIN_ID, type BudgetBurn, type Invoice } from '../../../shared/contracts';

export type { Invoice, InvoiceLine } from '../../../shared/contracts';
import { invoiceListQuery, type InvoiceFilters } from './money-logic';
import { PortalApiError, usePortalApi, useStaffSession } from './session';

/** Content-API reads of the money pages, as the person the admin acts as (docs/admin-panel.md#staff-identity). */

export interface Page<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

const usePortalQuery = <T>(key: unknown[], path: string | null) => {
  const api = usePortalApi();
  const session = useStaffSession();
  return useQuery([PLUGIN_ID, 'portal', ...key], () => api<T>(path as string), {
    enabled: Boolean(path && session.data?.jwt),
    keepPreviousData: true,
  });
};

export const useBurn = (documentId: string) =>
  usePortalQuery<{ data: BudgetBurn }>(['burn', documentId], `/budgets/${documentId}/burn`);

export const useInvoices = (filters: InvoiceFilters) =>
  usePortalQuery<Page<Invoice>>(['invoices', filters], invoiceListQuery(filters));

export const useInvoice = (documentId: string | null) =>
  usePortalQuery<{ data: Invoice }>(
    ['invoice', documentId],
    documentId
      ? `/invoices/${documentId}?populate[lines]=true&populate[company][fields][0]=name&populate[project][fields][0]=name`
      : null
  );

export const useCompanies = () =>
  usePortalQuery<Page<{ documentId: string; name: string }>>(
    ['companies'],
    '/companies?fields[0]=name&sort=name&pagination[pageSize]=100'
  );

export const useProjects = () =>
  usePortalQuery<Page<{ documentId: string; name: string; company?: { name: string } | null }>>(
    ['projects'],
    '/projects?fields[0]=name&populate[company][fields][0]=name&sort=name&pagination[pageSize]=100'
  );

/** A write through the content API; refreshes the plugin's cached reads once it succeeded. */
export const usePortalWrite = () => {
  const api = usePortalApi();
  const queries = useQueryClient();
  return useMutation(
    ({ path, method = 'POST', body }: { path: string; method?: string; body?: unknown }) =>
      api<{ data: Invoice }>(path, { method, body: body ?? {} }),
    { onSuccess: () => queries.invalidateQueries([PLUGIN_ID]) }
  );
};

/** The server's own words for a refusal or failure. */
export const messageOf = (error: unknown): string =>
  error instanceof PortalApiError || error instanceof Error ? error.message : 'Something went wrong';
