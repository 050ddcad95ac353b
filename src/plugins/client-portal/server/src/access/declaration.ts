import { z } from 'zod';
import { USER } from '../constants';

/**
 * What a content type declares in `schema.json` → `pluginOptions["client-portal"]`.
 * Undeclared types are invisible to every portal role (default deny).
 */
export const accessDeclarationSchema = z
  .object({
    /**
     * Relation path from a row to its project: "project", "task.project"…, or "self" for the
     * project type. Without it the type is agency-wide: staff read it, clients never do.
     */
    project: z
      .string()
      .regex(/^(self|[A-Za-z]\w*(\.[A-Za-z]\w*)*)$/, 'must be "self" or a relation path')
      .optional(),
    /** The row has a `hiddenFromClients` flag. */
    hideable: z.boolean().default(false),
    /** Relations whose hidden (and trashed) state the row inherits. */
    hiddenVia: z.array(z.string()).default([]),
    /** The row is moved to the trash (`deletedAt`) instead of being deleted. */
    trash: z.boolean().default(false),
    /** Attributes Clients and Client+ may read. */
    clientRead: z.array(z.string()).default([]),
    /** Attributes only Client Managers read among clients. */
    clientManagerRead: z.array(z.string()).default([]),
    /** Attributes Clients and Client+ may write, where their role may write at all. */
    clientWrite: z.array(z.string()).default([]),
    /** Financial attributes: only Owners and Member+ "time and finances" read or write them. */
    financial: z.array(z.string()).default([]),
    /**
     * Amounts (prices, totals): read and written by Owners and Member+ "time and finances" among
     * staff, read by the clients it lists in clientRead / clientManagerRead (who must see what they
     * are offered), never written by anyone else.
     */
    amounts: z.array(z.string()).default([]),
    /** Attributes only the server writes (never through generic endpoints). */
    serverManaged: z.array(z.string()).default([]),
    /**
     * To-one relations whose target id each row keeps in an indexed column, with the
     * attributes the index adds: `{ "person": ["date"] }` lets a timesheet read a person's
     * entries by date from one index. A relation in such a list stands for its own copy
     * (declared here too). For aggregates; the rules do not need it.
     */
    indexedBy: z.record(z.string(), z.array(z.string())).default({}),
  })
  .strict();

export type AccessDeclaration = z.output<typeof accessDeclarationSchema>;

export const PLUGIN_OPTION = 'client-portal';

/** What a declaration is checked against: the type's attributes as its schema gives them. */
export interface DeclaredAttribute {
  type: string;
  target?: string;
  relation?: string;
}

/** Who wrote a row: clients edit and delete only rows whose `author` is themselves. */
export const AUTHOR = 'author';
export const AUTHOR_TARGET = USER;

/** `author` is a to-one relation to the users-permissions user (the server sets it on create). */
export const isAuthorAttribute = (attribute: DeclaredAttribute | undefined): boolean =>
  attribute?.type === 'relation' &&
  attribute.target === AUTHOR_TARGET &&
  (attribute.relation === 'manyToOne' || attribute.relation === 'oneToOne');

/** Reads and validates a declaration; throws naming the content type and the problem. */
export const readDeclaration = (
  uid: string,
  pluginOptions: Record<string, unknown> | undefined,
  attributes: Readonly<Record<string, DeclaredAttribute>>
): AccessDeclaration | null => {
  const raw = pluginOptions?.[PLUGIN_OPTION];
  if (raw === undefined) return null;
  const result = accessDeclarationSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${uid}: invalid pluginOptions["${PLUGIN_OPTION}"]: ${problems.join('; ')}`);
  }
  const declaration = result.data;
  const known = new Set(Object.keys(attributes));
  const lists = [
    'hiddenVia',
    'clientRead',
    'clientManagerRead',
    'clientWrite',
    'financial',
    'amounts',
    'serverManaged',
  ] as const;
  for (const list of lists) {
    const unknown = declaration[list].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `${uid}: pluginOptions["${PLUGIN_OPTION}"].${list} names unknown attributes: ${unknown.join(', ')}`
      );
    }
  }
  for (const [relation, columns] of Object.entries(declaration.indexedBy)) {
    const attribute = attributes[relation];
    if (attribute?.type !== 'relation' || (attribute.relation !== 'manyToOne' && attribute.relation !== 'oneToOne')) {
      throw new Error(`${uid}: pluginOptions["${PLUGIN_OPTION}"].indexedBy: ${relation} is not a to-one relation`);
    }
    // A relation stands for its own copy, so it must be another relation declared in indexedBy.
    const invalid = columns.filter(
      (name) =>
        !known.has(name) ||
        (attributes[name].type === 'relation' && (name === relation || !(name in declaration.indexedBy)))
    );
    if (invalid.length > 0) {
      throw new Error(
        `${uid}: pluginOptions["${PLUGIN_OPTION}"].indexedBy.${relation} names unknown attributes, or relations not in indexedBy: ${invalid.join(', ')}`
      );
    }
  }
  if (declaration.project && declaration.project !== 'self' && !known.has(declaration.project.split('.')[0])) {
    throw new Error(`${uid}: pluginOptions["${PLUGIN_OPTION}"].project starts with an unknown attribute`);
  }
  if (declaration.hideable && !known.has('hiddenFromClients')) {
    throw new Error(`${uid}: hideable types need a boolean hiddenFromClients attribute`);
  }
  if (declaration.trash && !known.has('deletedAt')) {
    throw new Error(`${uid}: trash needs a datetime deletedAt attribute`);
  }
  if (declaration.clientWrite.length > 0) {
    // Fail closed: without an author there is no telling which rows a client wrote, and clients
    // must never edit or delete rows they did not write.
    if (!isAuthorAttribute(attributes[AUTHOR])) {
      throw new Error(
        `${uid}: pluginOptions["${PLUGIN_OPTION}"].clientWrite lets clients write, so the type needs an ` +
          `"${AUTHOR}" attribute { "type": "relation", "relation": "manyToOne", "target": "${AUTHOR_TARGET}" }: ` +
          `the server sets it on create, and clients edit and delete only the rows they wrote`
      );
    }
    if (declaration.clientWrite.includes(AUTHOR)) {
      throw new Error(
        `${uid}: pluginOptions["${PLUGIN_OPTION}"].clientWrite may not name ${AUTHOR}: the server sets it`
      );
    }
  }
  return declaration;
};
