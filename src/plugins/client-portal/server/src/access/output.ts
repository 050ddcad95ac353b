import type { QueryContext } from './query';
import type { Policy } from './rules';
import { UPLOAD_FILE } from '../constants';

/**
 * Second line of defence: drops from a response every attribute the actor may
 * not read, at every depth. The query layer already never selected them.
 */
const ALWAYS = new Set(['id', 'documentId']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const stripOutput = (data: unknown, uid: string, context: QueryContext, ownPolicy?: Policy): unknown => {
  if (Array.isArray(data)) return data.map((entry) => stripOutput(entry, uid, context, ownPolicy));
  if (!isObject(data)) return data;
  const model = context.model(uid);
  if (!model) return null;
  const policy = ownPolicy ?? context.policy(uid);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (ALWAYS.has(key)) {
      result[key] = value;
      continue;
    }
    const attribute = model.attributes[key];
    if (!attribute || !policy.readable.has(key)) continue;
    if (attribute.type === 'component' && attribute.target) {
      result[key] = stripOutput(value, attribute.target, context);
    } else if (attribute.type === 'dynamiczone') {
      // Each entry is stripped as the component it says it is; one that does not say is dropped.
      result[key] = Array.isArray(value)
        ? value.flatMap((entry) => {
            if (!isObject(entry) || typeof entry.__component !== 'string') return [];
            const stripped = stripOutput(entry, entry.__component, context);
            return isObject(stripped) ? [{ __component: entry.__component, ...stripped }] : [];
          })
        : null;
    } else if (attribute.type === 'relation' || attribute.type === 'media') {
      const target = attribute.type === 'media' ? UPLOAD_FILE : attribute.target;
      if (!target || !context.policy(target).actions.find) continue;
      result[key] = stripOutput(value, target, context);
    } else {
      result[key] = value;
    }
  }
  return result;
};
