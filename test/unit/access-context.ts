import fs from 'fs';
import path from 'path';
import type { Actor } from '../../src/plugins/client-portal/server/src/access/actor';
import { accessDeclarationSchema } from '../../src/plugins/client-portal/server/src/access/declaration';
import type { QueryContext } from '../../src/plugins/client-portal/server/src/access/query';
import {
  componentPolicy,
  NOTHING,
  policyFor,
  uploadFilePolicy,
  type AttributeInfo,
  type ModelInfo,
  type Policy,
} from '../../src/plugins/client-portal/server/src/access/rules';
import { actor } from './actor-fixture';
import { MODELS } from './schemas';

/**
 * The query context the access service (server/src/services/access.ts) builds, without Strapi:
 * the real schemas of ./schemas plus what Strapi adds to them at boot — the timestamps every
 * content type carries, the `invoice.line` component and the upload plugin's file type — and
 * the service's policies: components open (their parent decides), upload files by
 * `uploadFilePolicy`, unknown types closed.
 */

export const UPLOAD_FILE = 'plugin::upload.file';
export const LINE = 'invoice.line';

/** Strapi adds these to every content type's attributes (createdBy/updatedBy are private). */
const SYSTEM_ATTRIBUTES: Record<string, AttributeInfo> = {
  createdAt: { type: 'datetime', private: false },
  updatedAt: { type: 'datetime', private: false },
  publishedAt: { type: 'datetime', private: false },
  createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user', private: true },
  updatedBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user', private: true },
};

const withSystemAttributes = (model: ModelInfo): ModelInfo => ({
  ...model,
  attributes: { ...model.attributes, ...SYSTEM_ATTRIBUTES },
});

const componentSchema = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'src', 'components', 'invoice', 'line.json'), 'utf8')
) as { attributes: Record<string, { type: string; target?: string; relation?: string }> };

const LINE_MODEL: ModelInfo = {
  uid: LINE,
  attributes: Object.fromEntries(
    Object.entries(componentSchema.attributes).map(([name, attribute]) => [
      name,
      { type: attribute.type, target: attribute.target, relation: attribute.relation, private: false },
    ])
  ),
  access: null,
};

/** The upload plugin's file type, as far as the rules look at it. */
const UPLOAD_FILE_MODEL: ModelInfo = {
  uid: UPLOAD_FILE,
  attributes: {
    name: { type: 'string' },
    alternativeText: { type: 'text' },
    caption: { type: 'text' },
    width: { type: 'integer' },
    height: { type: 'integer' },
    mime: { type: 'string' },
    size: { type: 'decimal' },
    url: { type: 'text' },
    related: { type: 'relation', relation: 'morphToMany' },
    folder: { type: 'relation', relation: 'manyToOne', target: 'plugin::upload.folder', private: true },
    folderPath: { type: 'string', private: true },
    ...SYSTEM_ATTRIBUTES,
  },
  access: accessDeclarationSchema.parse({}),
};

export const ALL_MODELS: Record<string, ModelInfo> = {
  ...Object.fromEntries(Object.entries(MODELS).map(([uid, model]) => [uid, withSystemAttributes(model)])),
  [LINE]: LINE_MODEL,
  [UPLOAD_FILE]: UPLOAD_FILE_MODEL,
};

export const models = (uid: string): ModelInfo | undefined => ALL_MODELS[uid];

const COMPONENTS = new Set([LINE]);

/** services/access.ts: a type Strapi does not know is closed to everyone. */
const CLOSED: Policy = {
  rows: NOTHING,
  readable: new Set(),
  writable: new Set(),
  actions: { find: false, create: false, update: false, delete: false },
  editable: NOTHING,
};

export const contextFor = (who: Actor, lookup: (uid: string) => ModelInfo | undefined = models): QueryContext => ({
  model: lookup,
  policy: (uid) => {
    const info = lookup(uid);
    if (!info) return CLOSED;
    if (COMPONENTS.has(uid)) return componentPolicy(info);
    return uid === UPLOAD_FILE ? uploadFilePolicy(who, info, lookup) : policyFor(who, info, lookup);
  },
});

/** The projects every actor below is a member of (loaded with the person, as bootstrap.ts does). */
export const PROJECT_IDS = [11, 12];
const ids = { projectIds: PROJECT_IDS };

/** Every portal actor kind, person id 7. */
export const ACTORS = {
  owner: actor('owner', ids),
  member: actor('member', ids),
  memberP: actor('member', { ...ids, canManageProjects: true }),
  memberF: actor('member', { ...ids, canManageFinances: true }),
  clientManager: actor('client', { ...ids, clientManager: true }),
  clientPlus: actor('client-plus', ids),
  client: actor('client', ids),
} satisfies Record<string, Actor>;

export type ActorKind = keyof typeof ACTORS;
export const ACTOR_KINDS = Object.keys(ACTORS) as ActorKind[];
