import type { Core } from '@strapi/strapi';
import { PLUGIN_OPTION, type AccessDeclaration } from '../access/declaration';
import { PROJECT } from '../constants';
import { columnOf, linkTableOf, metaOf } from './table-meta';

/**
 * What the rules need to know about a row's relations, copied onto the row, so a
 * read filters on its own columns instead of joining (the rules of docs/visibility.md are unchanged: the same
 * rows match):
 * - `portalProjectId`: the id of the row's project (types declared `project: "project"`);
 *   the rules check membership with `portal_project_id IN (the person's projects)`
 *   instead of joining the link table, the projects, their members and the users;
 * - `portalParentTrashed` / `portalParentHidden`: whether a parent the row inherits
 *   from (`hiddenVia`) is in the trash / hidden from clients;
 * - `portal<Relation>Id` for each relation a type declares in `indexedBy`, in an index
 *   with the attributes it names, then the copies above: aggregates read a person's time
 *   by date, or a budget's entries, from that index instead of joining the link table to
 *   every row, and a timesheet never reads the table.
 *
 * Database triggers keep the copies: on each relation's link table (every way a
 * relation changes — document service, `strapi.db.query`, the inverse side such as
 * `project.tasks`, plain SQL — writes that table) and on the parents' `deletedAt` and
 * `hiddenFromClients`. The trigger updates the row in the same statement and
 * transaction. The `indexedBy` copies are indexed: no rule filters on them, only the
 * aggregates that ask for them; a type that declares them keeps its other copies
 * unindexed, so the planner starts from those (SQLite picked the `IN` list of a
 * person's projects instead of a budget's entries when it could). A type that
 * declares none has its project copy indexed: a client's list and its count then read
 * the rows of their projects, not the whole table.
 *
 * Each type with a trash also gets a partial index of its live rows (`deletedAt` null),
 * created in `installRowIndex` (Strapi's schema cannot say `WHERE`, and leaves alone an
 * index it did not create): the count of a list that hides the trash reads that index
 * instead of every row (SQLite, which keeps no statistics, chose a plain index on
 * `deleted_at` over the primary key for the list itself).
 */

/** The attribute that holds a copy of a to-one relation's target id. */
export const copyColumn = (relation: string): string =>
  `portal${relation.charAt(0).toUpperCase()}${relation.slice(1)}Id`;

export const PROJECT_COLUMN = copyColumn('project');
export const PARENT_TRASHED = 'portalParentTrashed';
export const PARENT_HIDDEN = 'portalParentHidden';

interface SchemaAttribute {
  type: string;
  relation?: string;
  target?: string;
}

interface ContentTypeSchema {
  collectionName?: string;
  attributes: Record<string, SchemaAttribute | Record<string, unknown>>;
  indexes?: { name: string; columns: string[] }[];
  pluginOptions?: Record<string, unknown>;
}

/** A to-one relation whose target id the row keeps in `column`; `index`: the attributes of its index, if it has one. */
export interface RelationCopy {
  relation: string;
  column: string;
  index?: string[];
}

/** What the index copies for one type. */
export interface RowIndex {
  copies: RelationCopy[];
  /** `portalProjectId` is the row's project (the type is declared `project: "project"`). */
  project: boolean;
  /** hiddenVia relations whose parent type has a trash / is hideable. */
  trashedVia: string[];
  hiddenVia: string[];
}

const schemas = (strapi: Core.Strapi) => strapi.contentTypes as unknown as Record<string, ContentTypeSchema>;

const declarationOf = (schema: ContentTypeSchema | undefined) =>
  schema?.pluginOptions?.[PLUGIN_OPTION] as Partial<AccessDeclaration> | undefined;

const toOne = (attribute: SchemaAttribute | undefined): attribute is SchemaAttribute =>
  attribute?.type === 'relation' && (attribute.relation === 'manyToOne' || attribute.relation === 'oneToOne');

/** Per declared type, what the index copies (types with nothing to copy are left out). */
const plan = (strapi: Core.Strapi): Map<string, RowIndex> => {
  const all = schemas(strapi);
  const result = new Map<string, RowIndex>();
  for (const [uid, schema] of Object.entries(all)) {
    const declared = declarationOf(schema);
    if (!declared) continue;
    const projectAttribute = schema.attributes.project as SchemaAttribute | undefined;
    const project = declared.project === 'project' && toOne(projectAttribute) && projectAttribute.target === PROJECT;
    // Only what the declaration check accepts (it runs later, in bootstrap, and names the mistake).
    const declaredIndexes = declared.indexedBy ?? {};
    const indexedBy = Object.entries(declaredIndexes)
      .filter(
        ([relation, columns]) =>
          toOne(schema.attributes[relation] as SchemaAttribute | undefined) &&
          columns.every((name) => name in schema.attributes)
      )
      // A relation listed among the columns is its copy (the declaration check wants it declared too).
      .map(
        ([relation, columns]) =>
          [relation, columns.map((name) => (name in declaredIndexes ? copyColumn(name) : name))] as const
      );
    const parents = (declared.hiddenVia ?? []).flatMap((relation) => {
      const attribute = schema.attributes[relation] as SchemaAttribute | undefined;
      const parent = toOne(attribute) && attribute.target ? declarationOf(all[attribute.target]) : undefined;
      return parent ? [{ relation, parent }] : [];
    });
    const trashedVia = parents.filter(({ parent }) => parent.trash).map(({ relation }) => relation);
    const hiddenVia = parents.filter(({ parent }) => parent.hideable).map(({ relation }) => relation);
    // The columns the rules read end every declared index: a reader's rules are checked in the
    // index, and an aggregate of listed attributes never reads the table (an index-only scan).
    const ruleColumns = [
      ...(project ? [PROJECT_COLUMN] : []),
      ...(trashedVia.length > 0 ? [PARENT_TRASHED] : []),
      ...(hiddenVia.length > 0 ? [PARENT_HIDDEN] : []),
    ];
    const copies: RelationCopy[] = indexedBy.map(([relation, columns]) => {
      const leading = [copyColumn(relation), ...columns];
      return {
        relation,
        column: copyColumn(relation),
        index: [...leading, ...ruleColumns.filter((name) => !leading.includes(name))],
      };
    });
    if (project && !copies.some((copy) => copy.relation === 'project')) {
      // Indexed only where the type declares no index of its own (see above).
      copies.unshift({
        relation: 'project',
        column: PROJECT_COLUMN,
        ...(copies.length === 0 ? { index: [PROJECT_COLUMN] } : {}),
      });
    }
    if (copies.length > 0 || trashedVia.length > 0 || hiddenVia.length > 0) {
      result.set(uid, { copies, project, trashedVia, hiddenVia });
    }
  }
  return result;
};

/** The column Strapi gives a camelCase attribute (its snake case), which model indexes name. */
const columnName = (attribute: string): string => attribute.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const hiddenColumn = { private: true, configurable: false, visible: false, writable: false };

/**
 * In `register`: the columns join each type's schema (private, not in the admin, never
 * written by hand), and the indexes its model, so Strapi's schema sync creates them.
 */
export const addRowIndexColumns = (strapi: Core.Strapi): void => {
  for (const [uid, index] of plan(strapi)) {
    const schema = schemas(strapi)[uid];
    const attributes = schema.attributes;
    for (const copy of index.copies) {
      attributes[copy.column] = { type: 'integer', ...hiddenColumn };
      if (!copy.index) continue;
      const name = `${schema.collectionName}_${copy.relation}_copy_idx`.slice(0, 63);
      schema.indexes = [...(schema.indexes ?? []), { name, columns: copy.index.map(columnName) }];
    }
    if (index.trashedVia.length > 0) attributes[PARENT_TRASHED] = { type: 'boolean', default: false, ...hiddenColumn };
    if (index.hiddenVia.length > 0) attributes[PARENT_HIDDEN] = { type: 'boolean', default: false, ...hiddenColumn };
  }
};

interface Link {
  table: string;
  own: string;
  target: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A trigger on `table`: with `columns`, after updates that change them (a parent's
 * flags), for NEW; with `linkColumns`, after inserts, deletes and updates of these
 * columns (a link table: its ordering columns change often and matter to no copy),
 * for OLD and NEW.
 */
interface Trigger {
  name: string;
  table: string;
  columns?: string[];
  linkColumns?: string[];
  statements: (row: 'OLD' | 'NEW') => string[];
  /**
   * PostgreSQL only: the parent row a new link points to (`table` row whose id is in the
   * link's `column`) is locked before the copy is computed. A concurrent hide or trash
   * of that parent then either commits first (the copy, computed in a later snapshot,
   * sees it) or waits for this transaction (and its own trigger sees the new link): a
   * comment added while its task is being hidden never keeps a stale "visible".
   */
  lockParent?: { table: string; column: string };
}

const postgresTrigger = (trigger: Trigger, schema: string | undefined): string[] => {
  const prefix = schema ? `${quote(schema)}.` : '';
  const fn = `${prefix}${quote(trigger.name)}`;
  const lock = trigger.lockParent
    ? `PERFORM 1 FROM ${quote(trigger.lockParent.table)} WHERE id = NEW.${quote(trigger.lockParent.column)} FOR SHARE; `
    : '';
  const run = (row: 'OLD' | 'NEW') =>
    (row === 'NEW' ? lock : '') +
    trigger
      .statements(row)
      .map((statement) => `${statement};`)
      .join(' ');
  const changed = trigger.columns?.map((column) => `OLD.${quote(column)} IS DISTINCT FROM NEW.${quote(column)}`);
  const events = trigger.columns
    ? `UPDATE OF ${trigger.columns.map(quote).join(', ')} ON ${prefix}${quote(trigger.table)} FOR EACH ROW WHEN (${changed!.join(' OR ')})`
    : `INSERT OR UPDATE OF ${(trigger.linkColumns ?? []).map(quote).join(', ')} OR DELETE ON ${prefix}${quote(trigger.table)} FOR EACH ROW`;
  return [
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${
    trigger.columns
      ? run('NEW')
      : `IF TG_OP <> 'INSERT' THEN ${run('OLD')} END IF;
  IF TG_OP <> 'DELETE' THEN ${run('NEW')} END IF;`
  }
  RETURN NULL;
END $$`,
    `DROP TRIGGER IF EXISTS ${quote(trigger.name)} ON ${prefix}${quote(trigger.table)}`,
    `CREATE TRIGGER ${quote(trigger.name)} AFTER ${events} EXECUTE FUNCTION ${fn}()`,
  ];
};

const sqliteTriggers = (trigger: Trigger): string[] => {
  const variants: { event: string; rows: ('OLD' | 'NEW')[]; when?: string }[] = trigger.columns
    ? [
        {
          event: `UPDATE OF ${trigger.columns.map(quote).join(', ')}`,
          rows: ['NEW'],
          when: trigger.columns.map((column) => `OLD.${quote(column)} IS NOT NEW.${quote(column)}`).join(' OR '),
        },
      ]
    : [
        { event: 'INSERT', rows: ['NEW'] },
        { event: `UPDATE OF ${(trigger.linkColumns ?? []).map(quote).join(', ')}`, rows: ['OLD', 'NEW'] },
        { event: 'DELETE', rows: ['OLD'] },
      ];
  return variants.flatMap(({ event, rows, when }) => {
    const name = quote(`${trigger.name}_${event.split(' ')[0].toLowerCase()}`);
    const body = rows.flatMap((row) => trigger.statements(row).map((statement) => `${statement};`)).join('\n  ');
    return [
      `DROP TRIGGER IF EXISTS ${name}`,
      `CREATE TRIGGER ${name} AFTER ${event} ON ${quote(trigger.table)}${when ? ` WHEN ${when}` : ''} BEGIN\n  ${body}\nEND`,
    ];
  });
};

/** The databases whose triggers keep the copies (on others the columns exist but stay empty). */
export const hasRowIndex = (strapi: Core.Strapi): boolean =>
  strapi.db.dialect.client === 'postgres' || strapi.db.dialect.client === 'sqlite';

/**
 * In `bootstrap`: (re)creates the triggers (Strapi's schema sync may have rebuilt a
 * table and dropped them) and brings every row's copies up to date, in one
 * transaction. Returns, per type, what its rules may read from the row.
 */
export const installRowIndex = async (strapi: Core.Strapi): Promise<Map<string, RowIndex>> => {
  const dialect = strapi.db.dialect.client;
  if (!hasRowIndex(strapi)) return new Map();
  const indexes = plan(strapi);
  const meta = (uid: string) => metaOf(strapi, uid);
  const column = (uid: string, attribute: string) => columnOf(strapi, uid, attribute);
  const link = (uid: string, relation: string): Link => {
    const joinTable = linkTableOf(strapi, uid, relation);
    return { table: joinTable.name, own: joinTable.joinColumn.name, target: joinTable.inverseJoinColumn.name };
  };
  const targetOf = (uid: string, relation: string) => meta(uid).attributes[relation]?.target as string;

  /** Per type: each copy's column and the SQL that recomputes it for the row whose id is `row`. */
  const assignments = (uid: string, index: RowIndex, row: string): [string, string][] => {
    const sets: [string, string][] = index.copies.map((copy) => {
      const via = link(uid, copy.relation);
      return [
        column(uid, copy.column),
        `(SELECT ${quote(via.target)} FROM ${quote(via.table)} WHERE ${quote(via.own)} = ${row} ORDER BY ${quote(via.target)} LIMIT 1)`,
      ];
    });
    const anyParent = (relations: string[], condition: (parent: string) => string) =>
      relations
        .map((relation) => {
          const via = link(uid, relation);
          const parent = targetOf(uid, relation);
          return `EXISTS (SELECT 1 FROM ${quote(via.table)} JOIN ${quote(meta(parent).tableName)} p ON p.id = ${quote(via.table)}.${quote(via.target)} WHERE ${quote(via.table)}.${quote(via.own)} = ${row} AND ${condition(parent)})`;
        })
        .join(' OR ');
    if (index.trashedVia.length > 0) {
      const trashed = anyParent(index.trashedVia, (parent) => `p.${quote(column(parent, 'deletedAt'))} IS NOT NULL`);
      sets.push([column(uid, PARENT_TRASHED), `(${trashed})`]);
    }
    if (index.hiddenVia.length > 0) {
      const hidden = anyParent(index.hiddenVia, (parent) => `p.${quote(column(parent, 'hiddenFromClients'))} IS TRUE`);
      sets.push([column(uid, PARENT_HIDDEN), `(${hidden})`]);
    }
    return sets;
  };

  const setClause = (pairs: [string, string][]) => pairs.map(([name, value]) => `${quote(name)} = ${value}`).join(', ');
  const triggers: Trigger[] = [];
  const backfills: string[] = [];
  for (const [uid, index] of indexes) {
    const table = meta(uid).tableName;
    const resync = (row: string) =>
      `UPDATE ${quote(table)} SET ${setClause(assignments(uid, index, row))} WHERE id = ${row}`;
    const inherited = new Set([...index.trashedVia, ...index.hiddenVia]);
    const relations = new Set([...index.copies.map((copy) => copy.relation), ...inherited]);
    for (const relation of relations) {
      const via = link(uid, relation);
      const parent = inherited.has(relation) ? meta(targetOf(uid, relation)).tableName : undefined;
      triggers.push({
        name: `portal_index_${via.table}`,
        table: via.table,
        linkColumns: [via.own, via.target],
        statements: (row) => [resync(`${row}.${quote(via.own)}`)],
        ...(parent ? { lockParent: { table: parent, column: via.target } } : {}),
      });
    }
    // A parent moved to the trash, restored, hidden or shown: its children's copies follow.
    for (const relation of inherited) {
      const via = link(uid, relation);
      const parent = targetOf(uid, relation);
      const watched = [
        ...(index.trashedVia.includes(relation) ? [column(parent, 'deletedAt')] : []),
        ...(index.hiddenVia.includes(relation) ? [column(parent, 'hiddenFromClients')] : []),
      ];
      triggers.push({
        name: `portal_index_${table}_via_${via.table}`.slice(0, 63),
        table: meta(parent).tableName,
        columns: watched,
        statements: (row) => [
          `UPDATE ${quote(table)} SET ${setClause(assignments(uid, index, `${quote(table)}.id`))} WHERE id IN (SELECT ${quote(via.own)} FROM ${quote(via.table)} WHERE ${quote(via.target)} = ${row}.id)`,
        ],
      });
    }
    const sets = assignments(uid, index, `${quote(table)}.id`);
    const differs = dialect === 'postgres' ? 'IS DISTINCT FROM' : 'IS NOT';
    const stale = sets.map(([name, value]) => `${quote(name)} ${differs} ${value}`).join(' OR ');
    backfills.push(`UPDATE ${quote(table)} SET ${setClause(sets)} WHERE ${stale}`);
  }

  const schema = dialect === 'postgres' ? strapi.db.getSchemaName() : undefined;
  const prefix = schema ? `${quote(schema)}.` : '';
  const liveIndexes = Object.entries(schemas(strapi))
    .filter(([, contentType]) => declarationOf(contentType)?.trash)
    .map(([uid]) => {
      const table = meta(uid).tableName;
      return `CREATE INDEX IF NOT EXISTS ${quote(`${table}_live_idx`.slice(0, 63))} ON ${prefix}${quote(table)} (id) WHERE ${quote(column(uid, 'deletedAt'))} IS NULL`;
    });
  await strapi.db.connection.transaction(async (trx) => {
    for (const trigger of triggers) {
      const statements = dialect === 'postgres' ? postgresTrigger(trigger, schema) : sqliteTriggers(trigger);
      for (const statement of statements) await trx.raw(statement);
    }
    for (const backfill of backfills) await trx.raw(backfill);
    for (const statement of liveIndexes) await trx.raw(statement);
  });
  return indexes;
};
