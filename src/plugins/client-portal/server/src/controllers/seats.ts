import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { managesPeople } from '../access/people-rules';
import { getService } from '../utils/get-service';
import { requireStaff } from './actor';

const seats = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    if (!managesPeople(requireStaff(ctx)))
      throw new errors.ForbiddenError('Only Owners and Member+ with the people permission');
    ctx.body = { data: await getService(strapi, 'seats').usage() };
  },
});

export default seats;
