import type { Core } from '@strapi/strapi';

/** One document-service middleware, as `strapi.documents.use` takes it. */
export type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/** Builds a middleware for one Strapi instance. */
export type DocumentMiddlewareFactory = (strapi: Core.Strapi) => DocumentMiddleware;

export type Params = Record<string, unknown>;

export const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
export const WRITES = new Set(['create', 'update', 'delete']);
