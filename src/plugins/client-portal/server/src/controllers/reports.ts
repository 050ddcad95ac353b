import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { invalidField } from '../errors';
import type { ReportRow } from '../services/reports';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { parse, reportQuery } from '../validation';

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote when needed; a leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (rows: ReportRow[]) => {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  return [columns, ...rows.map((row) => columns.map((column) => row[column]))]
    .map((cells) => cells.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
};

/** GET /api/reports/:report?from&to&groupBy&format=csv (reports in docs/roles-and-capabilities.md#capability-matrix). */
const reports = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const actor = actorOf(ctx);
    const query = parse(reportQuery, { ...ctx.query, report: ctx.params.report });
    if (query.from > query.to) invalidField('from', 'must not be after to');
    const rows = await getService(strapi, 'reports').run(actor, query.report, query);
    if (query.format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="${query.report}-report.csv"`);
      ctx.body = toCsv(rows);
      return;
    }
    ctx.body = { data: rows, meta: { report: query.report, from: query.from, to: query.to, count: rows.length } };
  },
});

export default reports;
