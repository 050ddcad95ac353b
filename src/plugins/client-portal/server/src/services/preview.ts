import type { AddressInfo } from 'net';
import { capabilities, mayPreview } from '../access/capabilities';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { invalidField } from '../errors';
import { getService } from '../utils/get-service';
import type { Row } from '../utils/rows';
import { USER } from '../constants';

const PREVIEW_PATH = '/client-portal/preview';

export interface PreviewResponse {
  status: number;
  contentType: string | null;
  body: Buffer;
}

const TARGET_POPULATE = {
  role: { select: ['type'] },
  projects: { select: ['id'], populate: { leader: { select: ['id'] } } },
} as const;
type TargetRow = Row<typeof USER, { select: ['id']; populate: typeof TARGET_POPULATE }>;

/**
 * "View as client" (docs/http-api.md): the GET is replayed through the real HTTP stack as
 * the target person, with a one-minute token, so the answer is byte for byte
 * what that person gets: same rules, same sanitizing, same status.
 */
const preview = ({ strapi }: { strapi: Core.Strapi }) => {
  const apiPrefix = () => String(strapi.config.get('api.rest.prefix', '/api'));

  /** A content-API path and query on this server, never the preview itself. */
  const contentApiPath = (path: string): string => {
    const prefix = apiPrefix();
    if (!path.startsWith(`${prefix}/`)) invalidField('path', `must be a content-API path starting with ${prefix}/`);
    const base = 'http://portal.invalid';
    const url = new URL(path, base);
    if (url.origin !== base || !url.pathname.startsWith(`${prefix}/`) || url.pathname.includes('//')) {
      invalidField('path', `must be a content-API path starting with ${prefix}/`);
    }
    if (url.pathname.startsWith(`${prefix}${PREVIEW_PATH}`)) invalidField('path', 'cannot be a preview');
    return `${url.pathname}${url.search}`;
  };

  const origin = () => {
    const address = strapi.server.httpServer.address() as AddressInfo | null;
    if (!address) throw new Error('The HTTP server is not listening');
    const wildcard = address.address === '::' || address.address === '0.0.0.0';
    const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  };

  return {
    /** Owners preview anyone; a project leader previews the clients of projects they lead. */
    async assertMayPreview(actor: Actor, userId: number) {
      if (!capabilities(actor).preview) throw new errors.ForbiddenError('Forbidden');
      const target = await getService(strapi, 'access')
        .for(actor)
        .findOne<TargetRow>(USER, { where: { id: { $eq: userId } }, select: ['id'], populate: TARGET_POPULATE });
      if (!target) throw new errors.NotFoundError('Not Found');
      const leadsTheirProject = target.projects.some((project) => project.leader?.id === actor.id);
      if (!mayPreview(actor, { role: target.role?.type ?? undefined, leadsTheirProject })) {
        throw new errors.ForbiddenError('Project leaders preview only the clients of projects they lead');
      }
    },

    async viewAs(actor: Actor, userId: number, path: string): Promise<PreviewResponse> {
      const target = contentApiPath(path);
      await this.assertMayPreview(actor, userId);
      const token = strapi
        .plugin('users-permissions')
        .service('jwt')
        .issue({ id: userId }, { expiresIn: '60s' }) as string;
      const response = await fetch(`${origin()}${target}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        redirect: 'manual',
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: Buffer.from(await response.arrayBuffer()),
      };
    },
  };
};

export default preview;
