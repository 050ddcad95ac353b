import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/actor';
import { accessDeclarationSchema } from '../access/declaration';
import { toModelInfo, type SchemaAttribute } from '../access/model';
import { stripOutput } from '../access/output';
import { isClient } from '../access/capabilities';
import { AccessQueryError, constrainRead, shapeRead, type QueryContext, type ShapedRead } from '../access/query';
import {
  and,
  componentPolicy,
  NOTHING,
  policyFor,
  selfProfilePolicy,
  trashRows,
  uploadFilePolicy,
  visibleRows,
  type Action,
  type ModelInfo,
  type Policy,
  type RowFilter,
} from '../access/rules';
import { approvableRows, countedTime } from '../access/time-rules';
import { aggregateOver } from '../utils/aggregate';
import { notePeopleRuleAsked } from '../utils/memberships';
import { isSchema, schemaUid } from '../utils/rows';
import { PARENT_HIDDEN, PARENT_TRASHED, PROJECT_COLUMN, type RowIndex } from '../utils/row-index';
import { UPLOAD_FILE, USER } from '../constants';

/** Upload files have no schema of ours: an empty declaration (staff may read file metadata, clients never). */
const UPLOAD_FILE_ACCESS = accessDeclarationSchema.parse({});

type Reference = { documentId?: string; id?: number };

/** The attributes a type's rules may read instead of joining (see ModelInfo). */
const copiesOf = (index: RowIndex | undefined): Pick<ModelInfo, 'projectColumn' | 'inherited' | 'indexedCopies'> =>
  index
    ? {
        ...(index.project ? { projectColumn: PROJECT_COLUMN } : {}),
        indexedCopies: Object.fromEntries(
          index.copies.filter((copy) => copy.index).map((copy) => [copy.relation, copy.column])
        ),
        inherited: {
          ...(index.trashedVia.length > 0 ? { trashed: { column: PARENT_TRASHED, via: index.trashedVia } } : {}),
          ...(index.hiddenVia.length > 0 ? { hidden: { column: PARENT_HIDDEN, via: index.hiddenVia } } : {}),
        },
      }
    : {};

/**
 * Which rows of a type a read is about, for one actor: those they may read (`visible`),
 * their trash, the time counted in their budget summaries and timesheets (`counted`),
 * the entries they may approve (`approvable`, pending ones included) or read or approve (`actionable`).
 */
export type RowScope = 'visible' | 'trash' | 'counted' | 'approvable' | 'actionable';

/** A `strapi.db.query` read; the actor's row filter is AND-ed into `where`. */
export interface DbRead {
  where?: RowFilter;
  select?: string[];
  populate?: unknown;
  orderBy?: unknown;
  limit?: number;
  offset?: number;
}

interface ReadOptions {
  scope?: RowScope;
}

/** Each actor's key, built once: a request asks `for(actor)` many times, and the id lists can be long. */
const actorKeys = new WeakMap<Actor, string>();

const actorKey = (actor: Actor): string => {
  const known = actorKeys.get(actor);
  if (known !== undefined) return known;
  const key = [
    actor.id,
    actor.role,
    actor.companyId,
    actor.canManageProjects,
    actor.canManageFinances,
    actor.clientManager,
    actor.administrator ?? '',
    actor.projectIds?.join(',') ?? '*',
    actor.colleagueIds?.join(',') ?? '*',
  ].join('|');
  actorKeys.set(actor, key);
  return key;
};

/**
 * The Strapi side of the rules: turns schemas into ModelInfo (validating every
 * declaration at boot), and answers the adapters' questions for one actor.
 */
const access = ({ strapi }: { strapi: Core.Strapi }) => {
  const models = new Map<string, ModelInfo>();
  /** What the database copies onto each row of a type (`utils/row-index.ts`), once installed. */
  let indexed = new Map<string, RowIndex>();

  const model = (uid: string): ModelInfo | undefined => {
    const cached = models.get(uid);
    if (cached) return cached;
    if (!isSchema(strapi, uid)) return undefined;
    const schema = strapi.getModel(uid) as
      | {
          uid: string;
          attributes: Record<string, SchemaAttribute>;
          pluginOptions?: Record<string, unknown>;
          modelType?: string;
        }
      | undefined;
    if (!schema) return undefined;
    const base = toModelInfo(uid, schema);
    const info: ModelInfo = {
      ...base,
      access: uid === UPLOAD_FILE ? UPLOAD_FILE_ACCESS : base.access,
      ...copiesOf(indexed.get(uid)),
    };
    models.set(uid, info);
    return info;
  };

  const isComponent = (uid: string) => uid in strapi.components;

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
    if (isComponent(uid)) return componentPolicy(info);
    if (uid === USER) notePeopleRuleAsked(strapi);
    return uid === UPLOAD_FILE ? uploadFilePolicy(actor, info, model) : policyFor(actor, info, model);
  };

  /** The rules for one actor, each type's policy computed once. */
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

  /** Everything one actor may do and read, bound to them: the only way services read under the rules. */
  const bind = (actor: Actor) => {
    const context = contextFor(actor);
    const self = () => selfProfilePolicy(actor, model(USER)!, model);

    const rows = (uid: string, scope: RowScope = 'visible'): RowFilter => {
      switch (scope) {
        case 'trash': {
          const info = model(uid);
          return info ? trashRows(actor, info, model) : NOTHING;
        }
        case 'counted':
          return countedTime(actor, visibleRows(context.policy(uid)));
        case 'approvable':
          return approvableRows(actor, uid);
        case 'actionable':
          return { $or: [visibleRows(context.policy(uid)) ?? {}, approvableRows(actor, uid) ?? {}] };
        default:
          return visibleRows(context.policy(uid));
      }
    };
    const scoped = (uid: string, query: DbRead, options: ReadOptions) => ({
      ...query,
      where: and(query.where ?? null, rows(uid, options.scope)) ?? {},
    });

    return {
      actor,
      policy: context.policy,
      rows,

      findMany: <T = Record<string, unknown>>(uid: string, query: DbRead = {}, options: ReadOptions = {}) =>
        strapi.db.query(schemaUid(strapi, uid)).findMany(scoped(uid, query, options)) as Promise<T[]>,

      findOne: <T = Record<string, unknown>>(uid: string, query: DbRead = {}, options: ReadOptions = {}) =>
        strapi.db.query(schemaUid(strapi, uid)).findOne(scoped(uid, query, options)) as Promise<T | null>,

      count: (uid: string, where: RowFilter = null, options: ReadOptions = {}) =>
        strapi.db.query(schemaUid(strapi, uid)).count({ where: and(where, rows(uid, options.scope)) ?? {} }),

      /** SQL aggregates over the rows in scope (see `aggregateOver`). */
      aggregate: (uid: string, where: RowFilter = null, options: ReadOptions = {}) =>
        aggregateOver(strapi, uid, and(where, rows(uid, options.scope))),

      /** `selfProfile`: the main rows are the actor's own user record, read as their profile. */
      constrainRead(uid: string, params: Record<string, unknown>, options: { selfProfile?: boolean } = {}) {
        try {
          return constrainRead(params, uid, context, !isClient(actor), options.selfProfile ? self() : undefined);
        } catch (error) {
          return toValidationError(error);
        }
      },

      /**
       * As constrainRead, the main rows' filter apart, and with a `placeholder` the populated
       * relations' rows and the default fields too (for the document-service middleware's hand-off).
       */
      shapeRead(uid: string, params: Record<string, unknown>, placeholder?: RowFilter): ShapedRead {
        try {
          return shapeRead(params, uid, context, !isClient(actor), undefined, placeholder);
        } catch (error) {
          return toValidationError(error);
        }
      },

      sanitizeOutput(uid: string, data: unknown, options: { selfProfile?: boolean } = {}) {
        return stripOutput(data, uid, context, options.selfProfile ? self() : undefined);
      },

      /** Refuses writes the role may never do (403). */
      assertAction(uid: string, action: Action) {
        if (!context.policy(uid).actions[action]) throw new errors.ForbiddenError('Forbidden');
      },

      /** Write data may hold only writable attributes, and reference only rows the actor can see. */
      async assertWritableData(uid: string, data: Record<string, unknown>) {
        const info = model(uid);
        const rules = context.policy(uid);
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
          const visible = await strapi.db.query(schemaUid(strapi, target)).count({
            where: and(
              { $or: [{ documentId: { $in: documentIds } }, { id: { $in: ids } }] },
              visibleRows(context.policy(target))
            ),
          });
          if (visible < documentIds.length + ids.length) {
            const message = `${field} references a record that does not exist or that you cannot see`;
            throw new errors.ValidationError(message, {
              errors: [{ path: [field], message, name: 'ValidationError' }],
            });
          }
        }
      },

      /** The row must be visible (else 404, as if it did not exist) and editable (else 403). */
      async assertEditable(uid: string, documentId: string) {
        const rules = context.policy(uid);
        const where = (extra: RowFilter) => and({ documentId: { $eq: documentId } }, visibleRows(rules), extra) ?? {};
        const visible = await strapi.db.query(schemaUid(strapi, uid)).count({ where: where(null) });
        if (visible === 0) throw new errors.NotFoundError('Not Found');
        if (rules.editable) {
          const editable = await strapi.db.query(schemaUid(strapi, uid)).count({ where: where(rules.editable) });
          if (editable === 0) throw new errors.ForbiddenError('Forbidden');
        }
      },
    };
  };

  /** One binding per actor and request: policies are computed once per request, whoever asks. */
  const bindings = new WeakMap<object, Map<string, Bound>>();
  type Bound = ReturnType<typeof bind>;

  return {
    model,

    /** The parents a row of `uid` inherits its visibility from, as its schema declares them (`hiddenVia`). */
    parentsOf(uid: string): readonly string[] {
      return model(uid)?.access?.hiddenVia ?? [];
    },

    /**
     * The per-actor seam (the shape of Strapi's content-manager permission checker):
     * reads with the actor's rules applied inside, and the checks of their writes.
     */
    for(actor: Actor): Bound {
      const request = strapi.requestContext.get() as object | undefined;
      if (!request) return bind(actor);
      const cached = bindings.get(request) ?? new Map<string, Bound>();
      bindings.set(request, cached);
      const key = actorKey(actor);
      const known = cached.get(key);
      if (known) return known;
      const bound = bind(actor);
      cached.set(key, bound);
      return bound;
    },

    /** What the rows of each type carry from now on, kept by the database. */
    useRowIndex(indexes: Map<string, RowIndex>) {
      indexed = indexes;
      models.clear();
    },

    /** Validates every declaration once at boot, so a typo fails the start, not a request. */
    validateDeclarations(): void {
      for (const uid of Object.keys(strapi.contentTypes)) model(uid);
    },
  };
};

export type ActorAccess = ReturnType<ReturnType<typeof access>['for']>;

export default access;
