import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { invalidField } from '../errors';
import { getService } from '../utils/get-service';
import { requireActor } from './actor';
import { isoDate, parse } from '../validation';

const MAX_DAYS = 366;
const DAY = 24 * 60 * 60 * 1000;

export const sheetQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    project: z.string().min(1, { error: 'must be a project documentId' }).optional(),
    person: z.coerce
      .number({ error: 'must be a person id' })
      .int({ error: 'must be a person id' })
      .positive({ error: 'must be a person id' })
      .optional(),
  })
  .strict();

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const timesheets = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/timesheets?from&to&project&person — the last seven days unless a range is given. */
  async find(ctx: Context) {
    const actor = requireActor(ctx);
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
