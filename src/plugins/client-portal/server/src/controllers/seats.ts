import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { capabilities } from '../access/capabilities';
import { getService } from '../utils/get-service';
import { requireStaff } from './actor';

const seats = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    if (!capabilities(requireStaff(ctx)).managePeople)
      throw new errors.ForbiddenError('Only Owners and Member+ with the people permission');
    ctx.body = { data: await getService(strapi, 'seats').usage() };
  },
});

export default seats;
