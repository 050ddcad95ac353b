import type { Core } from '@strapi/strapi';
import type services from '../services';
import { PLUGIN_ID } from '../../../shared/contracts';

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<Name extends ServiceName> = ReturnType<Services[Name]>;

/** The one typed way to reach this plugin's services. */
export const getService = <Name extends ServiceName>(strapi: Core.Strapi, name: Name): Service<Name> =>
  strapi.plugin(PLUGIN_ID).service(name) as Service<Name>;
