import type { QueryContext } from './query';
import type { ModelInfo, Policy } from './rules';
import { UPLOAD_FILE } from '../constants';

/**
 * Second line of defence: drops from a response every attribute the actor may
 * not read, at every depth. The query layer already never selected them, so most
 * responses come back whole: an entity or a list is copied only where something is dropped.
 */
const ALWAYS = new Set(['id', 'documentId']);

/** What `strippedValue` returns for an attribute the reader may not read. */
const DROP = Symbol('drop');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only a plain object is passed on as it is: anything else is copied (its own keys only), as it always was. */
const isPlainObject = (value: Record<string, unknown>): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** One attribute's value as the reader may see it, or DROP. */
const strippedValue = (
  key: string,
  value: unknown,
  model: ModelInfo,
  policy: Policy,
  context: QueryContext
): unknown => {
  if (ALWAYS.has(key)) return value;
  const attribute = model.attributes[key];
  if (!attribute || !policy.readable.has(key)) return DROP;
  if (attribute.type === 'component' && attribute.target) return stripOutput(value, attribute.target, context);
  if (attribute.type === 'dynamiczone') {
    // Each entry is stripped as the component it says it is; one that does not say is dropped.
    return Array.isArray(value)
      ? value.flatMap((entry) => {
          if (!isObject(entry) || typeof entry.__component !== 'string') return [];
          const stripped = stripOutput(entry, entry.__component, context);
          return isObject(stripped) ? [{ __component: entry.__component, ...stripped }] : [];
        })
      : null;
  }
  if (attribute.type === 'relation' || attribute.type === 'media') {
    const target = attribute.type === 'media' ? UPLOAD_FILE : attribute.target;
    if (!target || !context.policy(target).actions.find) return DROP;
    return stripOutput(value, target, context);
  }
  return value;
};

export const stripOutput = (data: unknown, uid: string, context: QueryContext, ownPolicy?: Policy): unknown => {
  if (Array.isArray(data)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < data.length; index += 1) {
      const stripped = stripOutput(data[index], uid, context, ownPolicy);
      if (!copy) {
        if (stripped === data[index]) continue;
        copy = data.slice(0, index);
      }
      copy.push(stripped);
    }
    return copy ?? data;
  }
  if (!isObject(data)) return data;
  const model = context.model(uid);
  if (!model) return null;
  const policy = ownPolicy ?? context.policy(uid);
  const keys = Object.keys(data);
  let copy: Record<string, unknown> | undefined = isPlainObject(data) ? undefined : {};
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    const value = data[key];
    const stripped = strippedValue(key, value, model, policy, context);
    if (!copy) {
      if (stripped === value) continue;
      // The first change: the keys before it are kept as they were.
      copy = {};
      for (const kept of keys.slice(0, index)) copy[kept] = data[kept];
    }
    if (stripped !== DROP) copy[key] = stripped;
  }
  return copy ?? data;
};
