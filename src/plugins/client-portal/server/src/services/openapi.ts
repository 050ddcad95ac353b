import type { Core, UID } from '@strapi/strapi';
import type { OpenApiDocument, OpenApiRole } from '../../../shared/contracts';
import type { Actor } from '../access/actor';
import { capabilities, capabilitiesOf } from '../access/capabilities';
import { NOTHING, selfProfilePolicy, visibleRows, type Policy } from '../access/rules';
import { buildDocument } from '../openapi/document';
import { pascalCase, type SchemaAttribute, type TypeView } from '../openapi/schemas';
import { getService } from '../utils/get-service';
import { isSchema } from '../utils/rows';
import { BUDGET, DOCUMENT, ESTIMATE, INVOICE, TIME_ENTRY, USER } from '../constants';

/** Every type has them: a type of which a role reads only these declares nothing for it. */
const IDENTITY = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt']);

interface StrapiSchema {
  kind?: 'collectionType' | 'singleType';
  info: { singularName?: string; pluralName?: string };
  attributes: Record<string, SchemaAttribute & { component?: string }>;
}

/**
 * A person of the role as the rules see them (docs/roles-and-capabilities.md: a Client Manager is a Client with the
 * flag). Their projects are left to the rules' membership join, so a type whose rows read as
 * NOTHING is one no person of the role ever sees a row of, not one of a person without projects.
 */
const actorFor = (role: OpenApiRole): Actor => ({
  id: 0,
  documentId: '',
  role: role === 'client-plus' ? 'client-plus' : 'client',
  companyId: null,
  canManageProjects: false,
  canManageFinances: false,
  clientManager: role === 'client-manager',
});

const toAttribute = ({ component, ...attribute }: SchemaAttribute & { component?: string }): SchemaAttribute => ({
  type: attribute.type,
  required: attribute.required,
  default: attribute.default,
  enum: attribute.enum,
  relation: attribute.relation,
  target: attribute.type === 'component' ? component : attribute.target,
  repeatable: attribute.repeatable,
  multiple: attribute.multiple,
  private: attribute.private,
  customField: attribute.customField,
  min: attribute.min,
  max: attribute.max,
  minLength: attribute.minLength,
  maxLength: attribute.maxLength,
  regex: attribute.regex,
});

/**
 * docs/http-api.md#openapi: `GET /api/client-portal/openapi.json?role=…`, generated from the access
 * declarations through the same policies the request path applies. Declarations do not
 * change at runtime: each role's document is built once.
 */
const openapi = ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = new Map<OpenApiRole, OpenApiDocument>();

  const build = (role: OpenApiRole): OpenApiDocument => {
    const actor = actorFor(role);
    const access = getService(strapi, 'access');
    const rules = access.for(actor);

    const view = (uid: UID.Schema, policy: Policy, name?: string): TypeView => {
      const schema = strapi.getModel(uid) as unknown as StrapiSchema;
      const component = uid in strapi.components;
      const collection = uid.startsWith('api::') && schema.kind === 'collectionType';
      return {
        uid,
        name: name ?? pascalCase(component ? uid : (schema.info.singularName ?? uid)),
        kind: component ? 'component' : (schema.kind ?? 'collectionType'),
        attributes: Object.fromEntries(
          Object.entries(schema.attributes).map(([attribute, definition]) => [attribute, toAttribute(definition)])
        ),
        readable: policy.readable,
        writable: policy.writable,
        actions: policy.actions,
        reach: !policy.actions.find ? 'none' : visibleRows(policy) === NOTHING ? 'never' : 'rows',
        ...(collection ? { path: `/api/${schema.info.pluralName}` } : {}),
      };
    };
    const views = new Map<string, TypeView | undefined>();
    const lookup = (uid: string) => {
      if (!views.has(uid)) views.set(uid, isSchema(strapi, uid) ? view(uid, rules.policy(uid)) : undefined);
      return views.get(uid);
    };
    const reads = (uid: string) => lookup(uid)?.reach === 'rows';
    const declaresSomething = (type: TypeView) =>
      Object.keys(type.attributes).some((name) => type.readable.has(name) && !IDENTITY.has(name));

    const collections = Object.keys(strapi.contentTypes)
      .map(lookup)
      .filter((type): type is TypeView => Boolean(type?.path && type.reach === 'rows' && declaresSomething(type)));
    const people = lookup(USER);
    const documentType = lookup(DOCUMENT);
    return buildDocument({
      role,
      serverUrl: getService(strapi, 'settings').get().publicUrl,
      version: String(strapi.config.get('info.version', '0.0.0')),
      collections,
      ...(people?.reach === 'rows' ? { people } : {}),
      profile: view(USER, selfProfilePolicy(actor, access.model(USER)!, access.model), 'Profile'),
      lookup,
      portal: {
        capabilities: Object.keys(capabilitiesOf(actor)),
        ...(documentType?.reach === 'rows' ? { documents: documentType } : {}),
        budgets: reads(BUDGET),
        timesheets: reads(TIME_ENTRY),
        invoicePdf: reads(INVOICE),
        estimates: reads(ESTIMATE),
        // docs/time-budgets-invoices.md#approval: Client Managers approve on projects that let clients approve time.
        approvals: capabilities(actor).clientManager,
      },
    });
  };

  return {
    document(role: OpenApiRole): OpenApiDocument {
      const known = documents.get(role);
      if (known) return known;
      const built = build(role);
      documents.set(role, built);
      return built;
    },
  };
};

export default openapi;
