import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Directory } from '../../../shared/contracts';
import { COMPANY, PROJECT } from '../constants';

/** Admin route: the companies and projects the admin forms offer (guarded by the read permission). */
const directory = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const [companies, projects] = await Promise.all([
      strapi.db.query(COMPANY).findMany({
        select: ['documentId', 'name', 'isAgency'],
        orderBy: [{ name: 'asc' }],
      }) as Promise<Directory['companies']>,
      strapi.db.query(PROJECT).findMany({
        select: ['documentId', 'name'],
        populate: { company: { select: ['name'] } },
        orderBy: [{ name: 'asc' }],
      }) as Promise<{ documentId: string; name: string; company: { name: string } | null }[]>,
    ]);
    const data: Directory = {
      companies: companies.map(({ documentId, name, isAgency }) => ({ documentId, name, isAgency: Boolean(isAgency) })),
      projects: projects.map((project) => ({
        documentId: project.documentId,
        name: project.name,
        company: project.company?.name ?? null,
      })),
    };
    ctx.body = { data };
  },
});

export default directory;
