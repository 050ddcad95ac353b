import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { accessDeclarationSchema, readDeclaration } from '../access/declaration';
import { stripOutput } from '../access/output';
import { AccessQueryError, constrainRead, type QueryContext } from '../access/query';
import {
  and,
  isClient,
  NOTHING,
  policyFor,
  selfProfilePolicy,
  visibleRows,
  type Action,
  type AttributeInfo,
  type ModelInfo,
  type Policy,
} from '../access/rules';

const UPLOAD_FILE = 'plugin::upload.file';
const USER = 'plugin::users-permissions.user';

/** Upload files have no schema of ours: an empty declaration (staff may read file metadata, clients never). */
const UPLOAD_FILE_ACCESS = accessDeclarationSchema.parse({});

interface StrapiAttribute {
  type: string;
  target?: string;
  relation?: string;
  component?: string;
  private?: boolean;
}

/** A component has no rules of its own: what its parent lets through, its relations scoped by their types. */
const OPEN_POLICY = (model: ModelInfo): Policy => ({
  rows: null,
  readable: new Set(['id', ...Object.keys(model.attributes)]),
  writable: new Set(Object.keys(model.attributes)),
  actions: { find: true, create: true, update: true, delete: true },
  editable: null,
});

type Reference = { documentId?: string; id?: number };

/**
 * The Strapi side of the rules: turns schemas into ModelInfo (validating every
 * declaration at boot), and answers the adapters' questions for one actor.
 */
const access = ({ strapi }: { strapi: Core.Strapi }) => {
  const models = new Map<string, ModelInfo>();

  const model = (uid: string): ModelInfo | undefined => {
    const cached = models.get(uid);
    if (cached) return cached;
    const schema = strapi.getModel(uid as never) as
      | {
          uid: string;
          attributes: Record<string, StrapiAttribute>;
          pluginOptions?: Record<string, unknown>;
          modelType?: string;
        }
      | undefined;
    if (!schema) return undefined;
    const attributes: Record<string, AttributeInfo> = {};
    for (const [name, attribute] of Object.entries(schema.attributes)) {
      attributes[name] = {
        type: attribute.type,
        target: attribute.type === 'component' ? attribute.component : attribute.target,
        relation: attribute.relation,
        private: attribute.private === true,
      };
    }
    const declared = uid === UPLOAD_FILE ? UPLOAD_FILE_ACCESS : readDeclaration(uid, schema.pluginOptions, attributes);
    const info: ModelInfo = { uid, attributes, access: declared };
    models.set(uid, info);
    return info;
  };

  const isComponent = (uid: string) => Boolean(strapi.components[uid as never]);

  const policy = (actor: Actor, uid: string): Policy => {
    const info = model(uid);
    if (!info)
      return {
        rows: NOTHING,
        readable: new Set(),
        writable: new Set(),
        actions: { find: false, create: false, update: false, delete: false },
        editable: NOTHING,
      };
    if (isComponent(uid)) return OPEN_POLICY(info);
    if (uid === UPLOAD_FILE) {
      const base = policyFor(actor, info, model);
      return isClient(actor)
        ? { ...base, rows: NOTHING, actions: { ...base.actions, find: false } }
        : {
            ...base,
            rows: null,
            readable: new Set([
              'id',
              'documentId',
              ...Object.keys(info.attributes).filter((name) => !info.attributes[name].private && name !== 'related'),
            ]),
          };
    }
    return policyFor(actor, info, model);
  };

  /** The rules for one actor, each type's policy computed once per request. */
  const contextFor = (actor: Actor): QueryContext => {
    const policies = new Map<string, Policy>();
    return {
      model,
      policy: (uid) => {
        const known = policies.get(uid);
        if (known) return known;
        const computed = policy(actor, uid);
        policies.set(uid, computed);
        return computed;
      },
    };
  };

  const selfOf = (actor: Actor): Policy => selfProfilePolicy(actor, model(USER)!, model);

  const toValidationError = (error: unknown): never => {
    if (error instanceof AccessQueryError) {
      throw new errors.ValidationError(error.message, {
        errors: [{ path: error.path.split('.'), message: error.message, name: 'ValidationError' }],
      });
    }
    throw error;
  };

  /** Every relation reference in write data, per attribute: connect/set/shorthand and disconnect alike. */
  const referencesIn = (value: unknown): Reference[] => {
    if (value === null || value === undefined) return [];
    if (typeof value === 'string') return [{ documentId: value }];
    if (typeof value === 'number') return [{ id: value }];
    if (Array.isArray(value)) return value.flatMap(referencesIn);
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('connect' in record || 'set' in record || 'disconnect' in record) {
        return ['connect', 'set', 'disconnect'].flatMap((key) => referencesIn(record[key]));
      }
      if (typeof record.documentId === 'string') return [{ documentId: record.documentId }];
      if (typeof record.id === 'number' || typeof record.id === 'string') return [{ id: Number(record.id) }];
    }
    return [{ documentId: '__invalid__' }];
  };

  return {
    model,
    policy,

    /** Validates every declaration once at boot, so a typo fails the start, not a request. */
    validateDeclarations(): string[] {
      const declared: string[] = [];
      for (const uid of Object.keys(strapi.contentTypes)) {
        if (model(uid)?.access && uid !== UPLOAD_FILE) declared.push(uid);
      }
      return declared;
    },

    /** `selfProfile`: the main rows are the actor's own user record, read as their profile. */
    constrainRead(actor: Actor, uid: string, params: Record<string, unknown>, options: { selfProfile?: boolean } = {}) {
      try {
        const own = options.selfProfile ? selfOf(actor) : undefined;
        return constrainRead(params, uid, contextFor(actor), !isClient(actor), own);
      } catch (error) {
        return toValidationError(error);
      }
    },

    sanitizeOutput(actor: Actor, uid: string, data: unknown, options: { selfProfile?: boolean } = {}) {
      return stripOutput(data, uid, contextFor(actor), options.selfProfile ? selfOf(actor) : undefined);
    },

    /** Refuses writes the role may never do (403). */
    assertAction(actor: Actor, uid: string, action: Action) {
      if (!policy(actor, uid).actions[action]) throw new errors.ForbiddenError('Forbidden');
    },

    /** Write data may hold only writable attributes, and reference only rows the actor can see. */
    async assertWritableData(actor: Actor, uid: string, data: Record<string, unknown>) {
      const info = model(uid);
      const rules = policy(actor, uid);
      const refused = Object.keys(data).filter((field) => !rules.writable.has(field));
      if (refused.length > 0) {
        throw new errors.ValidationError(
          `Invalid ${refused.join(', ')}: you may not write ${refused.length > 1 ? 'these fields' : 'this field'}`,
          {
            errors: refused.map((field) => ({
              path: [field],
              message: `${field} cannot be written`,
              name: 'ValidationError',
            })),
          }
        );
      }
      for (const [field, value] of Object.entries(data)) {
        const attribute = info?.attributes[field];
        const target =
          attribute?.type === 'media' ? UPLOAD_FILE : attribute?.type === 'relation' ? attribute.target : undefined;
        if (!target) continue;
        const references = referencesIn(value);
        if (references.length === 0) continue;
        const documentIds = [...new Set(references.flatMap((ref) => (ref.documentId ? [ref.documentId] : [])))];
        const ids = [...new Set(references.flatMap((ref) => (ref.id !== undefined ? [ref.id] : [])))];
        const targetRules = policy(actor, target);
        const visible = targetRules.actions.find
          ? await strapi.db.query(target as never).count({
              where: and(
                { $or: [{ documentId: { $in: documentIds } }, { id: { $in: ids } }] },
                targetRules.rows
              ) as never,
            })
          : 0;
        if (visible < documentIds.length + ids.length) {
          const message = `${field} references a record that does not exist or that you cannot see`;
          throw new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });
        }
      }
    },

    /** The row must be visible (else 404, as if it did not exist) and editable (else 403). */
    async assertEditable(actor: Actor, uid: string, documentId: string) {
      const rules = policy(actor, uid);
      const where = (extra: unknown) =>
        and({ documentId: { $eq: documentId } }, visibleRows(rules), extra as never) as never;
      const visible = await strapi.db.query(uid as never).count({ where: where(null) });
      if (visible === 0) throw new errors.NotFoundError('Not Found');
      if (rules.editable) {
        const editable = await strapi.db.query(uid as never).count({ where: where(rules.editable) });
        if (editable === 0) throw new errors.ForbiddenError('Forbidden');
      }
    },
  };
};

export default access;
