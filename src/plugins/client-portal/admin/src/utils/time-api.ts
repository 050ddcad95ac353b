import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import {
  ENTRY_INVOICED,
  PLUGIN_ID,
  type BulkApprovalInput,
  type QueuedEntry,
  type RejectionInput,
} from '../../../shared/contracts';
import { PortalApiError, usePortalApi, useStaffSession } from './session';
import type { IsoDate, SheetEntry } from './time-logic';
import { getTranslation } from './translations';

/** Content-API reads and writes of the timesheet and approvals pages, as the person the admin acts as. */

const TIME_KEY = [PLUGIN_ID, 'time'];

export const useLabel = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, fallback: string, values?: Record<string, string | number>) =>
      formatMessage({ id: getTranslation(id), defaultMessage: fallback }, values),
    [formatMessage]
  );
};

/** A refusal or failure in words: the server's message, invoiced entries and bare policy refusals explained. */
export const useErrorMessage = () => {
  const label = useLabel();
  return useCallback(
    (error: unknown) => {
      if (error instanceof PortalApiError) {
        if (error.details?.code === ENTRY_INVOICED) {
          return label('time.invoiced', 'This entry is on an invoice and can no longer change.');
        }
        if (error.status === 403 && /^(Policy Failed|Forbidden)$/i.test(error.message)) {
          return label('time.forbidden', 'You may not do this.');
        }
        const fields = (error.details?.errors as { path?: string[]; message: string }[] | undefined) ?? [];
        return fields.length > 0
          ? fields.map((field) => `${field.path?.join('.') ?? ''} ${field.message}`.trim()).join(' ')
          : error.message;
      }
      return error instanceof Error ? error.message : label('time.failed', 'Something went wrong.');
    },
    [label]
  );
};

const useEnabled = () => Boolean(useStaffSession().data?.jwt);

interface List<T> {
  data: T[];
  meta?: { pagination?: { pageCount: number } };
}

/** The content API's largest page. */
const PAGE_SIZE = 100;

/** The person's own entries of one week, with project and task names. */
export const useWeekEntries = (personId: number | undefined, from: IsoDate, to: IsoDate) => {
  const api = usePortalApi();
  const enabled = useEnabled() && personId !== undefined;
  return useQuery(
    [...TIME_KEY, 'week', personId, from],
    async () => {
      const query = new URLSearchParams({
        'filters[person][id][$eq]': String(personId),
        'filters[date][$gte]': from,
        'filters[date][$lte]': to,
        'populate[project][fields][0]': 'name',
        'populate[task][fields][0]': 'title',
        sort: 'createdAt:asc',
        'pagination[pageSize]': String(PAGE_SIZE),
      });
      const entries: SheetEntry[] = [];
      for (let page = 1; ; page += 1) {
        query.set('pagination[page]', String(page));
        const { data, meta } = await api<List<SheetEntry>>(`/time-entries?${query}`);
        entries.push(...data);
        if (page >= (meta?.pagination?.pageCount ?? 1)) return entries;
      }
    },
    { enabled }
  );
};

export interface ProjectOption {
  documentId: string;
  name: string;
  trackingEnabled?: boolean;
}

/** Projects the person may log time on (their own, tracking on). */
export const useTrackedProjects = () => {
  const api = usePortalApi();
  return useQuery(
    [...TIME_KEY, 'projects'],
    async () => {
      const rows = await api<List<ProjectOption>>(
        `/projects?fields[0]=name&fields[1]=trackingEnabled&sort=name:asc&pagination[pageSize]=${PAGE_SIZE}`
      );
      return rows.data.filter((project) => project.trackingEnabled !== false);
    },
    { enabled: useEnabled() }
  );
};

export const useProjectTasks = (project: string | null) => {
  const api = usePortalApi();
  return useQuery(
    [...TIME_KEY, 'tasks', project],
    async () =>
      (
        await api<List<{ documentId: string; title: string }>>(
          `/tasks?filters[project][documentId][$eq]=${encodeURIComponent(project ?? '')}&fields[0]=title&sort=title:asc&pagination[pageSize]=${PAGE_SIZE}`
        )
      ).data,
    { enabled: useEnabled() && Boolean(project) }
  );
};

/** A write through the content API that refreshes the time queries once it succeeded. */
const useTimeWrite = <Input>(send: (api: ReturnType<typeof usePortalApi>, input: Input) => Promise<unknown>) => {
  const api = usePortalApi();
  const queries = useQueryClient();
  return useMutation((input: Input) => send(api, input), {
    onSettled: () => queries.invalidateQueries(TIME_KEY),
  });
};

export interface NewEntry {
  project: string;
  task: string | null;
  date: IsoDate;
  minutes: number;
  note: string;
}

export const useSaveEntry = () =>
  useTimeWrite((api, input: { documentId?: string } & NewEntry) => {
    const { documentId, project, task, ...rest } = input;
    return documentId
      ? api(`/time-entries/${documentId}`, {
          method: 'PUT',
          body: { data: { minutes: rest.minutes, note: rest.note } },
        })
      : api('/time-entries', { method: 'POST', body: { data: { project, ...(task ? { task } : {}), ...rest } } });
  });

export const useDeleteEntry = () =>
  useTimeWrite((api, documentId: string) => api(`/time-entries/${documentId}`, { method: 'DELETE' }));

export type QueueType = 'time-entries' | 'expenses';

/** Pending entries waiting for the person's decision (docs/time-budgets-invoices.md#approval), up to 100 of each type. */
export const useApprovalQueue = (type: QueueType) => {
  const api = usePortalApi();
  return useQuery(
    [...TIME_KEY, 'queue', type],
    async () => (await api<List<QueuedEntry>>(`/client-portal/approvals?type=${type}&pageSize=100`)).data,
    { enabled: useEnabled() }
  );
};

export const useDecide = () =>
  useTimeWrite(
    (api, input: { type: QueueType; documentIds: string[]; decision: 'approve' | 'reject'; reason?: string }) => {
      const reason: RejectionInput | Record<string, never> =
        input.decision === 'reject' ? { reason: input.reason ?? '' } : {};
      const many: BulkApprovalInput = { documentIds: input.documentIds };
      return input.documentIds.length === 1
        ? api(`/${input.type}/${input.documentIds[0]}/${input.decision}`, { method: 'POST', body: reason })
        : api(`/${input.type}/${input.decision}`, { method: 'POST', body: { ...many, ...reason } });
    }
  );
