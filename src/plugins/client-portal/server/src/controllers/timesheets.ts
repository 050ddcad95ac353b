import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { invalidField } from '../errors';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { parse, sheetQuery } from '../validation';

const MAX_DAYS = 366;
const DAY = 24 * 60 * 60 * 1000;

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const timesheets = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/timesheets?from&to&project&person — the last seven days unless a range is given. */
  async find(ctx: Context) {
    const actor = actorOf(ctx);
    const input = parse(sheetQuery, ctx.query);
    const today = getService(strapi, 'clock').now().toISOString().slice(0, 10);
    const to = input.to ?? (input.from ? shift(input.from, 6) : today);
    const from = input.from ?? shift(to, -6);
    if (from > to) invalidField('from', 'must not be after to');
    if ((Date.parse(to) - Date.parse(from)) / DAY >= MAX_DAYS) {
      invalidField('to', `must be less than ${MAX_DAYS} days after from`);
    }
    ctx.body = await getService(strapi, 'timesheets').sheet(actor, {
      from,
      to,
      project: input.project,
      person: input.person,
    });
  },
});

export default timesheets;
