import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/contracts';
import { COMPONENT_VIEWS, CONTENT_TYPE_VIEWS, OTHER_MAIN_FIELDS, humanize, type ShippedView } from './configuration';

type Attribute = { type?: string; target?: string; targetModel?: string; relation?: string };
interface CmModel {
  uid: string;
  attributes: Record<string, Attribute>;
}
interface CmService {
  findConfiguration(model: CmModel): Promise<Record<string, unknown>>;
  updateConfiguration(model: CmModel, configuration: Record<string, unknown>): Promise<unknown>;
}
/** What the plugin last wrote, per model and path ("settings.mainField", "layouts.list"…). */
type Applied = Record<string, Record<string, unknown>>;

const mainFieldOf = (uid: string) => CONTENT_TYPE_VIEWS[uid]?.mainField ?? OTHER_MAIN_FIELDS[uid];

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const getPath = (object: unknown, path: string[]) =>
  path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
const setPath = (object: Record<string, unknown>, path: string[], value: unknown) => {
  let node = object;
  for (const key of path.slice(0, -1)) {
    node[key] = { ...((node[key] as Record<string, unknown> | undefined) ?? {}) };
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
};

/** The shipped view as Content Manager configuration paths and values. */
export const shippedPaths = (view: ShippedView, model: CmModel): Record<string, unknown> => {
  const paths: Record<string, unknown> = { 'settings.mainField': view.mainField };
  const unknown = [view.mainField, view.defaultSortBy, ...(view.list ?? [])].filter(
    (name) => name && !model.attributes[name]
  );
  if (unknown.length) throw new Error(`[client-portal] Content Manager view of ${model.uid}: no ${unknown.join(', ')}`);
  if (view.list) paths['layouts.list'] = view.list;
  if (view.defaultSortBy) {
    paths['settings.defaultSortBy'] = view.defaultSortBy;
    paths['settings.defaultSortOrder'] = view.defaultSortOrder ?? 'ASC';
  }
  for (const [name, attribute] of Object.entries(model.attributes)) {
    if (attribute.type === 'relation' && name !== 'createdBy' && name !== 'updatedBy') {
      const target = attribute.targetModel ?? attribute.target;
      const mainField = target ? mainFieldOf(target) : undefined;
      if (mainField) paths[`metadatas.${name}.edit.mainField`] = mainField;
    }
    if (name === 'id' || name === 'documentId' || name === 'createdBy' || name === 'updatedBy') continue;
    const label = view.labels?.[name] ?? humanize(name);
    paths[`metadatas.${name}.edit.label`] = label;
    paths[`metadatas.${name}.list.label`] = label;
    const description = view.descriptions?.[name];
    if (description) paths[`metadatas.${name}.edit.description`] = description;
  }
  return paths;
};

/**
 * Writes the shipped views into the Content Manager's configuration, idempotently.
 * A path the plugin wrote before and an admin has changed since is left alone; the
 * plugin writes it again only once it holds the plugin's last value again.
 */
export const applyContentManagerViews = async (strapi: Core.Strapi) => {
  const cm = strapi.plugin('content-manager');
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'content-manager-views' });
  const before = ((await store.get()) ?? {}) as Applied;
  const after: Applied = {};
  const groups: [string, Record<string, ShippedView>, (uid: string) => CmModel | undefined][] = [
    ['content-types', CONTENT_TYPE_VIEWS, (uid) => cm.service('content-types').findContentType(uid)],
    ['components', COMPONENT_VIEWS, (uid) => cm.service('components').findComponent(uid)],
  ];
  for (const [serviceName, views, find] of groups) {
    const service = cm.service(serviceName) as CmService;
    for (const [uid, view] of Object.entries(views)) {
      const model = find(uid);
      if (!model) continue;
      const current = await service.findConfiguration(model);
      const next: Record<string, unknown> = {
        settings: current.settings,
        metadatas: current.metadatas,
        layouts: current.layouts,
      };
      const previous = before[uid] ?? {};
      const written: Record<string, unknown> = {};
      let changed = false;
      for (const [path, value] of Object.entries(shippedPaths(view, model))) {
        const keys = path.split('.');
        const now = getPath(current, keys);
        if (path in previous && !equal(now, previous[path])) {
          written[path] = previous[path];
          continue;
        }
        written[path] = value;
        if (!equal(now, value)) {
          setPath(next, keys, value);
          changed = true;
        }
      }
      after[uid] = written;
      if (changed) await service.updateConfiguration(model, next);
    }
  }
  if (!equal(before, after)) await store.set({ value: after });
};
