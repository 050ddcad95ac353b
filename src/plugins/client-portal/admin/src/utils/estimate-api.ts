import type { Page } from './money-api';
import { estimateListQuery } from './estimate-logic';
import { usePortalQuery } from './portal-query';

/** Content-API reads of the Estimates and Templates pages, as the person the admin acts as. */

export interface EstimateLine {
  id?: number;
  description: string;
  quantity: number | string;
  unit: string;
  unitPriceCents: number;
  amountCents: number;
}

export interface Estimate {
  documentId: string;
  number: string | null;
  title: string;
  state: string;
  currency: string;
  validUntil: string | null;
  note: string | null;
  taxRateBasisPoints: number;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  declineReason?: string | null;
  company?: { documentId: string; name: string } | null;
  project?: { documentId: string; name: string } | null;
  lines?: EstimateLine[];
}

export interface TemplateTask {
  title: string;
  estimateMinutes: number | null;
  dueAfterDays: number | null;
  hiddenFromClients: boolean;
}

export interface ProjectTemplate {
  documentId: string;
  name: string;
  description: string | null;
  tasks?: TemplateTask[];
}

export interface Team {
  documentId: string;
  name: string;
  members?: { id: number; firstName: string | null; lastName: string | null; email?: string }[];
}

export const useEstimates = (filters: { state: string | null; page: number; pageSize: number }) =>
  usePortalQuery<Page<Estimate>>(['estimates', filters], estimateListQuery(filters));

export const useEstimate = (documentId: string) =>
  usePortalQuery<{ data: Estimate }>(
    ['estimate', documentId],
    `/estimates/${documentId}?populate[lines]=true&populate[company][fields][0]=name&populate[project][fields][0]=name`
  );

export const useTemplates = () =>
  usePortalQuery<Page<ProjectTemplate>>(
    ['project-templates'],
    '/project-templates?populate[tasks]=true&sort=name&pagination[pageSize]=100'
  );

export const useTeams = () =>
  usePortalQuery<Page<Team>>(
    ['teams'],
    '/teams?populate[members][fields][0]=firstName&populate[members][fields][1]=lastName&sort=name&pagination[pageSize]=100'
  );
