import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { actorOf } from './actor';
import { fromTemplateInput, parse } from '../validation';
import { PROJECT } from '../constants';

const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body ?? {};

/** `POST /api/projects/from-template` (docs/collaboration.md#project-templates-and-teams); templates themselves are edited through /api/project-templates. */
const projectTemplates = ({ strapi }: { strapi: Core.Strapi }) => ({
  async instantiate(ctx: Context) {
    const actor = actorOf(ctx);
    const input = parse(fromTemplateInput, bodyOf(ctx));
    const { documentId } = await getService(strapi, 'projectTemplates').instantiate(actor, input);
    // Read back under the actor's rules (they are a member now), in Strapi's response shape.
    const project = await strapi.documents(PROJECT).findOne({
      documentId,
      populate: {
        company: true,
        leader: true,
        members: true,
        teams: true,
        tasks: true,
        budgets: true,
        discussions: true,
      },
    });
    ctx.status = 201;
    ctx.body = {
      data: await strapi.contentAPI.sanitize.output(project, strapi.getModel(PROJECT), { auth: ctx.state.auth }),
    };
  },
});

export default projectTemplates;
