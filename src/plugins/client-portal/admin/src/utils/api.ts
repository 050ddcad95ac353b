import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQueries, useQuery, useQueryClient, type UseQueryResult } from 'react-query';
import {
  PLUGIN_ID,
  type AdminLink,
  type AdminUserOption,
  type BudgetAccessProject,
  type Directory,
  type InvitationInput,
  type InvitationSummary,
  type PersonSummary,
  type PortalSettings,
  type SeatUsage,
} from '../../../shared/contracts';
import { parseBody, type PreviewResult } from './preview-logic';

const base = `/${PLUGIN_ID}`;
type Response<T> = Promise<{ data: { data: T } }>;
const unwrap = async <T>(request: Response<T>) => (await request).data.data;

/** The plugin's admin API through the admin fetch client, cached with react-query. */
const useGet = <T>(key: string, path: string) => {
  const { get } = useFetchClient();
  return useQuery([PLUGIN_ID, key], () => unwrap<T>(get(`${base}${path}`)));
};

/** A write that refreshes every cached plugin query once it succeeded. */
const useWrite = <Input>(send: (client: ReturnType<typeof useFetchClient>, input: Input) => Promise<unknown>) => {
  const client = useFetchClient();
  const queries = useQueryClient();
  return useMutation((input: Input) => send(client, input), {
    onSuccess: () => queries.invalidateQueries([PLUGIN_ID]),
  });
};

export const usePeople = () => useGet<PersonSummary[]>('people', '/people');
export const useSeats = () => useGet<SeatUsage>('seats', '/seats');
export const useInvitations = () => useGet<InvitationSummary[]>('invitations', '/invitations');
export const useBudgetAccess = () => useGet<BudgetAccessProject[]>('budgets', '/budgets');
export const useDirectory = () => useGet<Directory>('directory', '/directory');
export const useSettings = () => useGet<PortalSettings>('settings', '/settings');
export const useAdminLinks = () => useGet<AdminLink[]>('admin-links', '/admin-links');
export const useAdminUsers = () => useGet<AdminUserOption[]>('admin-users', '/admin-users');
export const useLinkAdmin = () =>
  useWrite(({ put }, { personId, adminUserId }: { personId: number; adminUserId: number | null }) =>
    put(`${base}/people/${personId}/admin-link`, { adminUserId })
  );

export const useInvite = () =>
  useWrite(({ post }, input: Partial<InvitationInput>) => post(`${base}/invitations`, input));
export const useRevoke = () => useWrite(({ del }, id: number) => del(`${base}/invitations/${id}`));
export const useUpdatePerson = () =>
  useWrite(({ put }, { id, change }: { id: number; change: Record<string, unknown> }) =>
    put(`${base}/people/${id}`, change)
  );
export const useArchive = () =>
  useWrite(({ post }, { id, archived }: { id: number; archived: boolean }) =>
    post(`${base}/people/${id}/${archived ? 'archive' : 'unarchive'}`, {})
  );
export const useDeletePerson = () => useWrite(({ del }, id: number) => del(`${base}/people/${id}`));
export const useSetAccess = () =>
  useWrite(({ put }, { documentId, clientAccess }: { documentId: string; clientAccess: boolean }) =>
    put(`${base}/budgets/${documentId}/access`, { clientAccess })
  );
export const useSaveSettings = () =>
  useWrite(({ put }, change: Partial<PortalSettings>) => put(`${base}/settings`, change));

/**
 * "View as client": each path replayed through `GET /client-portal/preview/:userId` (docs/admin-panel.md#view-as-client),
 * with the client's own status and body — a refusal stays a refusal, it is never read as data.
 */
export const usePreview = (userId: number | null, paths: string[]): UseQueryResult<PreviewResult>[] => {
  const { get } = useFetchClient();
  return useQueries(
    paths.map((path) => ({
      queryKey: [PLUGIN_ID, 'preview', userId, path],
      queryFn: async (): Promise<PreviewResult> => {
        const response = await get(`${base}/preview/${userId}?path=${encodeURIComponent(path)}`, {
          responseType: 'text',
          validateStatus: () => true,
        });
        return { status: response.status ?? 0, body: parseBody(response.data) };
      },
      enabled: userId !== null,
      retry: false,
    }))
  ) as UseQueryResult<PreviewResult>[];
};
