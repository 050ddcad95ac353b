import type { Core } from '@strapi/strapi';
import { currentRoute, currentScope } from './request-scope';
import { USER } from '../constants';
import { getService } from '../utils/get-service';

/**
 * The second line of defence (docs/visibility.md): every content-API response, at every
 * depth, loses what the reader may not see, even if a query let it through.
 */
export const registerOutputSanitizer = (strapi: Core.Strapi): void => {
  const outputSanitizer = (schema: { uid: string }) => async (data: unknown) => {
    const scope = currentScope(strapi);
    if (scope.kind !== 'portal') return data;
    const route = currentRoute(strapi);
    const selfProfile =
      schema.uid === USER && route?.info?.pluginName === 'users-permissions' && route.handler === 'user.me';
    return getService(strapi, 'access').for(scope.actor).sanitizeOutput(schema.uid, data, { selfProfile });
  };
  // Strapi types sanitizers as lodash-curried functions; a plain unary function is what it calls.
  strapi.sanitizers.add(
    'content-api.output',
    outputSanitizer as unknown as Parameters<typeof strapi.sanitizers.add>[1]
  );
};
