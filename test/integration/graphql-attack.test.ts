import fs from 'fs';
import path from 'path';
import { startApp, type TestApp } from '../harness/app';
import { buildAttackWorld, canaries as C, canaryGroups, type AttackWorld } from '../harness/attack-world';
import { databaseClient } from '../harness/database';
import { fixtures, type Person, type Row } from '../harness/fixtures';

/**
 * The attack suite (test/integration/attack.test.ts) through /graphql (docs/http-api.md#graphql: every
 * rule of §4 holds there exactly as on REST). The same world, the same canaries and the
 * same baselines as REST, plus what only GraphQL can ask: relations nested in relations,
 * aliases, fragments, variables, several operations in one request, introspection.
 * A canary must appear nowhere in the response text (data, error messages, extensions);
 * every total a response reports must equal the baseline's.
 *
 * REST statuses become GraphQL answers: 400 → BAD_USER_INPUT naming the field (or
 * GRAPHQL_VALIDATION_FAILED, HTTP 400, when the schema itself has no such field or
 * argument), 403 → FORBIDDEN, 404 → `null` on reads and STRAPI_NOT_FOUND_ERROR on writes.
 * Where REST refuses to select a field (`fields=hiddenFromClients`), GraphQL answers the
 * field as null (adapters/graphql.ts); where REST refuses a page over 100 rows, GraphQL
 * caps it at 100 (config/plugins.ts `maxLimit`).
 */

/**
 * REST attacks without a GraphQL form, and why (the final test holds every other one to a twin).
 * `/api/users/count` has one (`usersPermissionsUsers_connection` total), and so have the upload
 * file reads (`uploadFiles`, `uploadFile`); the multipart `POST /api/upload` is not a REST
 * attack here, and GraphQL has no upload mutation (the upload plugin registers none in Strapi 5).
 */
const NO_GRAPHQL_FORM: Record<string, string> = {
  'search tasks for a hidden title':
    '`_q` full-text search is not a GraphQL argument (filters are: see the filter attacks)',
  'search comments for a hidden comment': '`_q` full-text search is not a GraphQL argument',
  'filter inside a component populate (invoice lines)':
    'GraphQL resolves a component as a field of its row: it takes no filters of its own',
};

/** The GraphQL error codes answered with HTTP 400 (the request never reached a resolver). */
const REQUEST_ERRORS = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

type Lazy<T> = T | (() => T);
const resolve = <T>(value: Lazy<T>): T => (typeof value === 'function' ? (value as () => T)() : value);

interface GraphQLAttack {
  name: string;
  /** The REST attack this one is the twin of (its exact name in attack.test.ts). */
  rest?: string;
  by: 'client' | 'clientPlus' | 'anonymous';
  /** One operation, or several sent as one batched POST. */
  query: Lazy<string | string[]>;
  variables?: Lazy<Record<string, unknown>>;
  operationName?: string;
  expect: 'data' | 'error';
  /** The `extensions.code` of every error (expect: 'error'). */
  code?:
    | 'BAD_USER_INPUT'
    | 'FORBIDDEN'
    | 'STRAPI_NOT_FOUND_ERROR'
    | 'STRAPI_APPLICATION_ERROR'
    | 'BAD_REQUEST'
    | 'GRAPHQL_VALIDATION_FAILED';
  /** Text an error message must contain (the field it names, as REST's 400 does). */
  errorMentions?: string;
  canaries: Lazy<string | number>[];
  /** A REST path, or a GraphQL query, whose total every total of the response must equal. */
  baseline?: Lazy<string> | { query: Lazy<string>; variables?: Lazy<Record<string, unknown>> };
  /** More about the data than "no error". */
  check?: (data: any) => void;
  /** A check on stored data after a write attempt. */
  unchanged?: () => Promise<void>;
}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every total a response reports: `pageInfo.total` at any depth, and the node count of a
 * nested `…_connection` (a relation's connection has no pageInfo: its total is its nodes).
 */
const totalsIn = (value: unknown): number[] => {
  if (Array.isArray(value)) return value.flatMap(totalsIn);
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    if (key === 'pageInfo' && isObject(child) && typeof child.total === 'number') return [child.total];
    if (key.endsWith('_connection') && isObject(child) && !('pageInfo' in child) && Array.isArray(child.nodes))
      return [child.nodes.length, ...totalsIn(child.nodes)];
    return totalsIn(child);
  });
};

/** What a GraphQL path points at; null once anything on the way is null. */
const at = (data: unknown, where: (string | number)[]): unknown =>
  where.reduce<unknown>((value, key) => (value === null || value === undefined ? null : (value as any)[key]), data);

/** Every value of `field` in a list of rows. */
const values = (rows: Row[] | null | undefined, field: string) => (rows ?? []).map((row) => row[field]);

/** Everything a project lets a reader ask for, one level deep (GraphQL's populate=*). */
const EVERY_PROJECT_RELATION = `
  name description state currency
  company { name address billingEmail }
  leader { firstName lastName email }
  members { firstName lastName email }
  tasks { title description }
  discussions { title body }
  notes { title body }
  documents { title }
  comments { body }
  budgets { name amountCents }
  timeEntries { note minutes }
  expenses { description }
  invoices { number }
  activities { summary }
`;

const PERSON_FIELDS = `
  documentId username email provider confirmed blocked firstName lastName title language
  canManageProjects canManageFinances clientManager archivedAt
`;

describe(`GraphQL attack suite for client logins on ${databaseClient()}`, () => {
  let app: TestApp;
  let world: AttackWorld;
  /** A Client of Acme, archived, and one blocked: neither may sign in. */
  let archivedClient: Person;
  let blockedClient: Person;
  let trashedTaskComment: Row;
  let foreignComment: Row;
  /** The agency's comment on the visible task: a Client reads it but may not edit it. */
  let agencyComment: Row;
  let attachmentFile: Row;

  /** Canaries of the rows only this suite plants. */
  const G = {
    trashedTaskComment: `CANARY-comment-on-trashed-task-${Math.random().toString(36).slice(2, 8)}`,
    foreignComment: `CANARY-globex-comment-${Math.random().toString(36).slice(2, 8)}`,
    hiddenFile: `CANARY-file-of-hidden-document-${Math.random().toString(36).slice(2, 8)}`,
    attachmentFile: `CANARY-file-of-attachment-${Math.random().toString(36).slice(2, 8)}`,
    visibleFile: `CANARY-file-of-visible-document-${Math.random().toString(36).slice(2, 8)}`,
    staleResetCode: `CANARY-stale-reset-code-${Math.random().toString(36).slice(2, 18)}`,
    /** A bcrypt hash as users-permissions stores passwords. */
    passwordHash: '$2a$10$',
  };
  const files = [G.hiddenFile, G.attachmentFile, G.visibleFile];

  const { hidden, foreign } = canaryGroups;
  /** GraphQL answers a field it hides as null: the field's name is in the response, only its value is a canary. */
  const money = [C.rate, C.cost, C.budgetRate, C.personRate];
  const everyCanary = [...Object.values(C), ...Object.values(G).filter((value) => value !== G.passwordHash)];

  const attacker = (by: GraphQLAttack['by']) =>
    by === 'client' ? world.client.jwt : by === 'clientPlus' ? world.clientPlus.jwt : undefined;

  const gql = (
    by: GraphQLAttack['by'],
    query: string | string[],
    variables?: Record<string, unknown>,
    operationName?: string
  ) =>
    app.http.post(
      '/graphql',
      Array.isArray(query) ? query.map((operation) => ({ query: operation })) : { query, variables, operationName },
      attacker(by)
    );

  const plantFile = async (name: string) =>
    (await app.strapi.db.query('plugin::upload.file').create({
      data: {
        name: `${name}.pdf`,
        hash: name,
        ext: '.pdf',
        mime: 'application/pdf',
        size: 1,
        url: `/uploads/${name}.pdf`,
        provider: 'local',
      },
    })) as Row;

  beforeAll(async () => {
    app = await startApp();
    world = await buildAttackWorld(app);
    const make = fixtures(app);
    const w = world;
    const users = app.strapi.db.query('plugin::users-permissions.user');
    archivedClient = await make.person({ role: 'client', company: w.acme, projects: [w.project] });
    await users.update({ where: { id: archivedClient.id }, data: { archivedAt: new Date() } });
    blockedClient = await make.person({ role: 'client', company: w.acme, projects: [w.project] });
    await users.update({ where: { id: blockedClient.id }, data: { blocked: true } });
    // A users-permissions reset code left on a row (docs/http-api.md#accounts: the plugin's codes expire; this one never would).
    await users.update({ where: { id: w.foreignClient.id }, data: { resetPasswordToken: G.staleResetCode } });

    trashedTaskComment = await make.create('api::comment.comment', {
      project: w.project.documentId,
      task: w.trashedTask.documentId,
      body: G.trashedTaskComment,
    });
    foreignComment = await make.create('api::comment.comment', {
      project: w.foreignProject.documentId,
      task: w.foreignTask.documentId,
      body: G.foreignComment,
      author: w.foreignClient.documentId,
    });
    agencyComment = await make.create('api::comment.comment', {
      project: w.project.documentId,
      task: w.visibleTask.documentId,
      body: 'From the agency',
      author: w.member.documentId,
    });
    const documents = app.strapi.documents('api::document.document');
    const hiddenFile = await plantFile(G.hiddenFile);
    await documents.update({ documentId: w.hiddenDocument.documentId, data: { file: hiddenFile.id } } as any);
    attachmentFile = await plantFile(G.attachmentFile);
    await documents.update({ documentId: w.attachment.documentId, data: { file: attachmentFile.id } } as any);
    await make.create('api::document.document', {
      project: w.project.documentId,
      title: 'Visible document',
      file: (await plantFile(G.visibleFile)).id,
    });
  });

  afterAll(() => app?.stop());

  const task = (documentId: string) =>
    app.strapi.db.query('api::task.task').findOne({ where: { documentId }, populate: ['project', 'assignees'] });
  const comment = (documentId: string) =>
    app.strapi.db.query('api::comment.comment').findOne({ where: { documentId }, populate: ['task'] });
  const count = (uid: string, where: Record<string, unknown>) => app.strapi.db.query(uid as any).count({ where });

  const attacks: GraphQLAttack[] = [
    // relations at depth (REST populate)
    {
      name: 'every relation of the project list',
      rest: 'populate=* on the project list',
      by: 'client',
      query: `{ projects_connection { nodes { ${EVERY_PROJECT_RELATION} } pageInfo { total } } }`,
      expect: 'data',
      canaries: [...hidden, ...foreign, C.privateBudget, C.internalProject, C.hiddenNote, C.hiddenActivity],
      baseline: '/api/projects',
    },
    {
      name: 'every relation of one project, with the financial fields',
      rest: 'populate=* on one project',
      by: 'clientPlus',
      query: () => `{ project(documentId: "${world.project.documentId}") {
        ${EVERY_PROJECT_RELATION}
        budgets { hourlyRateCents timeEntries { rateCents costCents } }
        timeEntries { rateCents costCents }
      } }`,
      expect: 'data',
      canaries: [...hidden, ...money, C.hiddenActivity, C.hiddenNote, C.hiddenDocument],
      check: (data) => expect(data.project.name).toBe('Acme site'),
    },
    {
      name: 'projects → tasks → comments → task → documents',
      rest: 'populate tasks → comments → task → documents',
      by: 'client',
      query:
        '{ projects_connection { nodes { tasks { title comments { body task { title documents { title } } } } } pageInfo { total } } }',
      expect: 'data',
      canaries: [...hidden, G.trashedTaskComment],
      baseline: '/api/projects',
    },
    {
      name: 'projects → discussions → comments',
      rest: 'populate discussions → comments',
      by: 'clientPlus',
      query: '{ projects { discussions { title comments { body } } } }',
      expect: 'data',
      canaries: [C.hiddenDiscussion, C.hiddenDiscussionComment],
    },
    {
      name: 'projects → members and leader → their projects → tasks',
      rest: 'populate members → projects → tasks',
      by: 'client',
      query: `{ projects {
        members { firstName projects { name tasks { title } } ledProjects { name } }
        leader { ledProjects { name tasks { title } } projects { name } }
      } }`,
      expect: 'data',
      canaries: [...hidden, ...foreign, C.internalProject],
    },
    {
      name: 'companies → projects → tasks',
      rest: 'populate company → projects',
      by: 'client',
      query: '{ companies { name address projects { name tasks { title } } people { lastName } invoices { number } } }',
      expect: 'data',
      canaries: [C.internalProject, ...hidden, ...foreign, C.draftInvoice, C.foreignInvoice],
      check: (data) => expect(values(data.companies, 'name')).toEqual(['Acme']),
    },
    {
      name: 'projects → budgets → time entries, with rates',
      rest: 'populate budgets → time entries with rates',
      by: 'client',
      query: `{ projects {
        budgets { name hourlyRateCents timeEntries { note rateCents costCents } }
        timeEntries { note rateCents costCents task { title } budget { name hourlyRateCents } }
        tasks { timeEntries { note rateCents } }
      } }`,
      expect: 'data',
      canaries: [C.privateBudget, C.pendingEntry, C.nonBillableEntry, C.hiddenTaskEntry, ...money],
    },
    {
      name: 'comments → discussion → comments, and → task → everything',
      rest: 'populate comments → discussion on a comment list',
      by: 'clientPlus',
      query: `{ comments_connection {
        nodes { body discussion { title comments { body } } task { title description comments { body } documents { title } } }
        pageInfo { total }
      } }`,
      expect: 'data',
      canaries: [C.hiddenDiscussion, C.hiddenDiscussionComment, C.hiddenComment, C.hiddenTaskDescription],
      baseline: '/api/comments',
    },
    // relation filters as oracles
    {
      name: 'projects filtered by a hidden task title',
      rest: 'filter projects by a hidden task title',
      by: 'client',
      query: `{ projects_connection(filters: { tasks: { title: { eq: "${C.hiddenTask}" } } }) { nodes { name } pageInfo { total } } }`,
      expect: 'data',
      canaries: [C.internalProject],
      baseline: `/api/projects?filters[name][$eq]=${C.hiddenTask}`,
    },
    {
      name: 'projects filtered by a hidden task description prefix',
      rest: 'filter projects by a hidden task description prefix',
      by: 'clientPlus',
      query:
        '{ projects_connection(filters: { tasks: { description: { startsWith: "CANARY" } } }) { pageInfo { total } } }',
      expect: 'data',
      canaries: [C.hiddenTaskDescription],
      baseline: '/api/projects?filters[name][$startsWith]=CANARY',
    },
    {
      name: 'tasks filtered through comments on hidden tasks',
      rest: 'filter tasks through comments on hidden tasks',
      by: 'client',
      query:
        '{ tasks_connection(filters: { comments: { body: { contains: "CANARY" } } }) { nodes { title } pageInfo { total } } }',
      expect: 'data',
      canaries: [C.hiddenComment, C.hiddenTask],
      baseline: '/api/tasks?filters[title][$eq]=nothing',
    },
    {
      name: 'comments filtered by the hidden flag of their task',
      rest: 'filter comments by the hidden flag of their task',
      by: 'client',
      query: '{ comments(filters: { task: { hiddenFromClients: { eq: true } } }) { body } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hiddenFromClients',
      canaries: [C.hiddenComment],
    },
    {
      name: 'projects filtered by the email of a foreign member',
      rest: 'filter projects by the email of a foreign member',
      by: 'client',
      query: `{ projects(filters: { members: { email: { eq: "${C.foreignEmail}" } } }) { name } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'email',
      canaries: [C.foreignProject, C.foreignPerson],
    },
    {
      name: 'projects filtered by a foreign member’s last name',
      rest: 'filter projects by a foreign member’s last name',
      by: 'clientPlus',
      query: `{ projects_connection(filters: { members: { lastName: { eq: "${C.foreignPerson}" } } }) { nodes { name } pageInfo { total } } }`,
      expect: 'data',
      canaries: [C.foreignProject],
      baseline: '/api/projects?filters[name][$eq]=none',
    },
    {
      name: 'companies filtered by their projects’ names',
      rest: 'filter companies by their projects’ names',
      by: 'client',
      query: `{ companies(filters: { projects: { name: { eq: "${C.internalProject}" } } }) { name } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'projects',
      canaries: [],
    },
    {
      name: 'projects filtered through time entry rates',
      rest: 'filter budgets through time entry rates',
      by: 'client',
      query: `{ projects(filters: { timeEntries: { rateCents: { eq: ${C.rate} } } }) { name } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'rateCents',
      canaries: [],
    },
    {
      name: 'tasks filtered with `or` around the row rule',
      rest: 'filter with $or around the row rule',
      by: 'clientPlus',
      query: `{ tasks_connection(filters: { or: [{ title: { eq: "${C.hiddenTask}" } }, { title: { eq: "Visible task" } }] }) {
        nodes { title } pageInfo { total }
      } }`,
      expect: 'data',
      canaries: [C.hiddenTaskDescription],
      baseline: '/api/tasks?filters[title][$eq]=Visible task',
      check: (data) => expect(values(data.tasks_connection.nodes, 'title')).toEqual(['Visible task']),
    },
    {
      name: 'projects filtered through budgets the client may not see',
      rest: 'filter projects through budgets the client may not see',
      by: 'client',
      query:
        '{ projects_connection(filters: { budgets: { name: { ne: "nobody" } } }) { nodes { name } pageInfo { total } } }',
      expect: 'data',
      canaries: [C.privateBudget],
      baseline: '/api/projects?filters[name][$eq]=nobody',
    },
    {
      name: 'projects filtered by negating a filter through budgets',
      rest: 'negate a filter through budgets the client may not see',
      by: 'client',
      query:
        '{ projects_connection(filters: { not: { budgets: { name: { eq: "nobody" } } } }) { pageInfo { total } } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'budgets',
      canaries: [C.privateBudget],
    },
    {
      name: 'tasks filtered by whether a relation exists',
      rest: 'filter a relation by existence only',
      by: 'client',
      query: '{ tasks_connection(filters: { documents: { notNull: true } }) { pageInfo { total } } }',
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'notNull',
      canaries: [C.attachment],
    },
    {
      name: 'tasks filtered by the existence of a document',
      by: 'client',
      query:
        '{ tasks_connection(filters: { documents: { documentId: { notNull: true } } }) { nodes { title } pageInfo { total } } }',
      expect: 'data',
      canaries: [C.attachment, C.hiddenTask],
      baseline: '/api/tasks?filters[title][$eq]=nothing',
    },
    // sort oracles
    {
      name: 'tasks sorted by the hidden flag',
      rest: 'sort tasks by the hidden flag',
      by: 'client',
      query: '{ tasks(sort: "hiddenFromClients:desc") { title } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hiddenFromClients',
      canaries: [C.hiddenTask],
    },
    {
      name: 'comments sorted through their task',
      rest: 'sort comments through their task',
      by: 'clientPlus',
      query: '{ comments(sort: "task.title:asc") { body } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'task.title',
      canaries: [C.hiddenComment],
    },
    {
      name: 'time entries sorted by rate',
      rest: 'sort time entries by rate',
      by: 'client',
      query: '{ timeEntries(sort: "rateCents:desc") { minutes } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'rateCents',
      canaries: money,
    },
    {
      name: 'a project’s time entries sorted by rate',
      by: 'clientPlus',
      query: '{ projects { timeEntries(sort: ["costCents:asc", "minutes"]) { minutes } } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'costCents',
      canaries: money,
    },
    {
      name: 'a project’s tasks sorted by the hidden flag',
      by: 'client',
      query: '{ projects { tasks(sort: "hiddenFromClients:desc") { title } } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hiddenFromClients',
      canaries: [C.hiddenTask],
    },
    {
      name: 'people sorted by their rate',
      by: 'clientPlus',
      query: '{ usersPermissionsUsers(sort: "hourlyRateCents:desc") { firstName } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hourlyRateCents',
      canaries: [C.personRate],
    },
    // fields: GraphQL answers what it hides as null
    {
      name: 'the hidden flag of tasks',
      rest: 'select the hidden flag',
      by: 'client',
      query: '{ tasks { title hiddenFromClients deletedAt estimateMinutes } }',
      expect: 'data',
      canaries: [C.hiddenTask],
      check: (data) => {
        expect(values(data.tasks, 'title')).toEqual(['Visible task']);
        for (const field of ['hiddenFromClients', 'deletedAt', 'estimateMinutes'])
          expect(values(data.tasks, field)).toEqual([null]);
      },
    },
    {
      name: 'people’s email and rate',
      rest: 'select a person’s email and rate',
      by: 'clientPlus',
      query: '{ usersPermissionsUsers { email hourlyRateCents } }',
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'hourlyRateCents',
      canaries: [C.foreignEmail, C.personRate],
    },
    {
      name: 'people’s email, username and flags',
      by: 'clientPlus',
      query: `{ usersPermissionsUsers { ${PERSON_FIELDS} } }`,
      expect: 'data',
      canaries: [...foreign, '@people.test'],
      check: (data) => {
        for (const field of [
          'email',
          'username',
          'provider',
          'confirmed',
          'blocked',
          'canManageFinances',
          'archivedAt',
        ])
          expect(values(data.usersPermissionsUsers, field).every((value) => value === null)).toBe(true);
      },
    },
    {
      name: 'the budget rate override',
      rest: 'select the budget rate override',
      by: 'client',
      query: '{ budgets { hourlyRateCents } }',
      expect: 'data',
      canaries: [C.budgetRate],
      check: (data) => expect(data.budgets).toEqual([]),
    },
    {
      name: 'the hidden flag of a project’s tasks',
      rest: 'select fields inside a populate',
      by: 'clientPlus',
      query: '{ projects { tasks { title hiddenFromClients } } }',
      expect: 'data',
      canaries: [C.hiddenTask],
      check: (data) => expect(data.projects[0].tasks).toEqual([{ title: 'Visible task', hiddenFromClients: null }]),
    },
    // pagination and totals
    {
      name: 'a large page of tasks',
      rest: 'a large page of tasks',
      by: 'client',
      query: '{ tasks_connection(pagination: { pageSize: 100 }) { nodes { title } pageInfo { total } } }',
      expect: 'data',
      canaries: [...hidden, C.foreignTask],
      baseline: '/api/tasks',
    },
    {
      name: 'the second page of comments',
      rest: 'the second page of comments',
      by: 'clientPlus',
      query:
        '{ comments_connection(pagination: { page: 2, pageSize: 1 }) { nodes { body } pageInfo { total pageCount } } }',
      expect: 'data',
      canaries: [C.hiddenComment, C.hiddenDiscussionComment],
      baseline: '/api/comments',
    },
    {
      name: 'start/limit pagination of discussions',
      rest: 'start/limit pagination of discussions',
      by: 'client',
      query: '{ discussions_connection(pagination: { start: 0, limit: 100 }) { nodes { title } pageInfo { total } } }',
      expect: 'data',
      canaries: [C.hiddenDiscussion],
      baseline: '/api/discussions',
    },
    {
      name: 'a page over the limit (capped, not refused)',
      rest: 'a page over the limit',
      by: 'client',
      query: '{ tasks_connection(pagination: { pageSize: 500 }) { nodes { title } pageInfo { total pageSize } } }',
      expect: 'data',
      canaries: [C.hiddenTask],
      baseline: '/api/tasks',
      check: (data) => expect(data.tasks_connection.pageInfo.pageSize).toBeLessThanOrEqual(100),
    },
    {
      name: 'every row at once (limit -1)',
      by: 'client',
      query: '{ tasks_connection(pagination: { limit: -1 }) { nodes { title } pageInfo { total pageSize } } }',
      expect: 'data',
      canaries: [...hidden, C.foreignTask],
      baseline: '/api/tasks',
    },
    {
      name: 'a relation’s connection holds what a REST filter on the relation counts',
      by: 'client',
      query: '{ projects { comments_connection { nodes { body } } tasks { comments_connection { nodes { body } } } } }',
      expect: 'data',
      canaries: [C.hiddenComment, C.hiddenDiscussionComment, G.trashedTaskComment],
      // The Client's and the agency's comments on the visible task: the project's and the task's.
      baseline: () => `/api/comments?filters[project][documentId][$eq]=${world.project.documentId}`,
    },
    {
      name: 'a relation’s connection filtered on a hidden title',
      by: 'clientPlus',
      query: `{ projects { tasks_connection(filters: { title: { eq: "${C.hiddenTask}" } }) { nodes { title } } } }`,
      expect: 'data',
      canaries: [C.hiddenTaskDescription],
      baseline: `/api/tasks?filters[title][$eq]=${C.hiddenTask}`,
    },
    {
      name: 'a relation’s connection asked for a total',
      by: 'client',
      query: '{ projects { tasks_connection { pageInfo { total } } } }',
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'pageInfo',
      canaries: [],
    },
    // drafts, publication and locale
    {
      name: 'drafts of tasks',
      rest: 'drafts of tasks',
      by: 'client',
      query: '{ tasks_connection(status: DRAFT) { nodes { title } pageInfo { total } } }',
      expect: 'data',
      canaries: hidden,
      baseline: '/api/tasks',
    },
    {
      name: 'tasks by publication state',
      by: 'clientPlus',
      query: `{ never: tasks_connection(publicationFilter: NEVER_PUBLISHED_DOCUMENT) { nodes { title } pageInfo { total } }
        unpublished: tasks_connection(hasPublishedVersion: false) { nodes { title } pageInfo { total } } }`,
      expect: 'data',
      canaries: hidden,
      baseline: '/api/tasks',
    },
    {
      name: 'a hidden task by documentId as draft',
      rest: 'a hidden task by documentId as draft',
      by: 'clientPlus',
      query: () => `{ task(documentId: "${world.hiddenTask.documentId}", status: DRAFT) { title } }`,
      expect: 'data',
      canaries: [C.hiddenTask],
      check: (data) => expect(data.task).toBeNull(),
    },
    {
      name: 'tasks in another locale',
      rest: 'another locale',
      by: 'client',
      query: '{ tasks(locale: "fr") { title } }',
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'locale',
      canaries: hidden,
    },
    // single reads: a row the reader may not see is null
    {
      name: 'a hidden task by documentId, with its relations',
      rest: 'a hidden task by documentId',
      by: 'client',
      query: () => `{ task(documentId: "${world.hiddenTask.documentId}") {
        title description comments { body } documents { title } project { name }
      } }`,
      expect: 'data',
      canaries: [C.hiddenTask, C.hiddenTaskDescription, C.hiddenComment, C.attachment],
      check: (data) => expect(data.task).toBeNull(),
    },
    {
      name: 'a foreign task by documentId',
      rest: 'a foreign task by documentId',
      by: 'clientPlus',
      query: () => `{ task(documentId: "${world.foreignTask.documentId}") { title } }`,
      expect: 'data',
      canaries: [C.foreignTask],
      check: (data) => expect(data.task).toBeNull(),
    },
    {
      name: 'a foreign project by documentId, with its relations',
      rest: 'a foreign project by documentId',
      by: 'client',
      query: () => `{ project(documentId: "${world.foreignProject.documentId}") { ${EVERY_PROJECT_RELATION} } }`,
      expect: 'data',
      canaries: [...foreign, G.foreignComment],
      check: (data) => expect(data.project).toBeNull(),
    },
    {
      name: 'a trashed task’s comment by documentId',
      by: 'clientPlus',
      query: () => `{ comment(documentId: "${trashedTaskComment.documentId}") { body task { title } } }`,
      expect: 'data',
      canaries: [G.trashedTaskComment, C.trashedTask],
      check: (data) => expect(data.comment).toBeNull(),
    },
    {
      name: 'time entries with everything (a plain Client sees none)',
      rest: 'time entries (a plain Client sees none)',
      by: 'client',
      query: `{ timeEntries_connection {
        nodes { note minutes billable rateCents costCents task { title } budget { name hourlyRateCents } person { lastName } }
        pageInfo { total }
      } }`,
      expect: 'data',
      canaries: [C.pendingEntry, C.nonBillableEntry, C.hiddenTaskEntry, ...money],
      baseline: '/api/time-entries?filters[id][$null]=true',
    },
    {
      name: 'invoices (drafts and other companies)',
      rest: 'invoices (drafts and other companies)',
      by: 'clientPlus',
      query:
        '{ invoices_connection { nodes { number state totalCents company { name address } } pageInfo { total } } }',
      expect: 'data',
      canaries: [C.draftInvoice, C.foreignInvoice, C.foreignCompanyAddress],
      baseline: '/api/invoices?filters[id][$null]=true',
    },
    {
      name: 'budgets without client access',
      rest: 'budgets without client access',
      by: 'client',
      query: '{ budgets_connection { nodes { name hourlyRateCents timeEntries { note } } pageInfo { total } } }',
      expect: 'data',
      canaries: [C.privateBudget, C.budgetRate],
      baseline: '/api/budgets?filters[id][$null]=true',
    },
    {
      name: 'the activity feed',
      rest: 'the activity feed',
      by: 'clientPlus',
      query:
        '{ activities_connection { nodes { summary verb subjectId actor { firstName } project { name } } pageInfo { total } } }',
      expect: 'data',
      canaries: [C.hiddenActivity],
      baseline: '/api/activities',
    },
    // people, `me` and files
    {
      name: 'the people list',
      rest: 'the people list',
      by: 'client',
      query: `{ usersPermissionsUsers_connection {
        nodes { ${PERSON_FIELDS} company { name address } projects { name } ledProjects { name } }
        pageInfo { total }
      } }`,
      expect: 'data',
      canaries: [...foreign, C.personRate, 'password', '@people.test', C.internalProject],
      baseline: '/api/users',
    },
    {
      name: 'a foreign person by documentId',
      rest: 'a foreign person by id',
      by: 'clientPlus',
      query: () =>
        `{ usersPermissionsUser(documentId: "${world.foreignClient.documentId}") { firstName lastName email } }`,
      expect: 'data',
      canaries: [C.foreignPerson, C.foreignEmail],
      check: (data) => expect(data.usersPermissionsUser).toBeNull(),
    },
    {
      name: 'the people count',
      rest: 'the people count',
      by: 'client',
      query: '{ usersPermissionsUsers_connection { pageInfo { total } } }',
      expect: 'data',
      canaries: [],
      baseline: '/api/users/count',
    },
    {
      name: '`me`, and my own person with its relations at depth',
      rest: 'own profile with deep populate',
      by: 'client',
      query: () => `{
        me { documentId email username confirmed blocked role { name type } }
        usersPermissionsUser(documentId: "${world.client.documentId}") {
          firstName company { name projects { name tasks { title } } } projects { name tasks { title } }
        }
      }`,
      expect: 'data',
      canaries: [...hidden, ...foreign, C.internalProject, () => world.member.email, () => world.clientPlus.email],
      check: (data) => {
        expect(data.me.documentId).toBe(world.client.documentId);
        expect(data.me.email).toBe(world.client.email);
        expect(data.usersPermissionsUser.firstName).toBe('client');
      },
    },
    {
      name: 'people with their role and its people',
      by: 'client',
      query: '{ usersPermissionsUsers { firstName role { name type users { email lastName } } } }',
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [...foreign, '@people.test'],
    },
    {
      name: 'the roles',
      by: 'clientPlus',
      query: '{ usersPermissionsRoles { name users { email } permissions { action } } }',
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [...foreign, '@people.test'],
    },
    {
      name: 'people filtered by a foreign email',
      rest: 'search people by a foreign email',
      by: 'client',
      query: `{ usersPermissionsUsers(filters: { email: { eq: "${C.foreignEmail}" } }) { documentId lastName } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'email',
      canaries: [C.foreignPerson],
    },
    {
      name: 'people filtered by an email domain',
      by: 'clientPlus',
      query:
        '{ usersPermissionsUsers(filters: { or: [{ firstName: { eq: "x" } }, { email: { endsWith: "@globex.test" } }] }) { lastName } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'email',
      canaries: [C.foreignPerson],
    },
    {
      name: 'people filtered by their company',
      by: 'client',
      query: '{ usersPermissionsUsers(filters: { company: { name: { eq: "Globex" } } }) { lastName } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'company',
      canaries: [C.foreignPerson],
    },
    {
      name: 'people counted by a foreign last name',
      by: 'clientPlus',
      query: `{ usersPermissionsUsers_connection(filters: { lastName: { eq: "${C.foreignPerson}" } }) { pageInfo { total } } }`,
      expect: 'data',
      canaries: [],
      baseline: {
        query: '{ usersPermissionsUsers_connection(filters: { lastName: { eq: "none" } }) { pageInfo { total } } }',
      },
    },
    {
      name: 'a password hash',
      by: 'client',
      query: '{ usersPermissionsUsers { lastName password } }',
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'password',
      canaries: [G.passwordHash, ...foreign],
    },
    {
      name: 'a reset token, at depth',
      by: 'clientPlus',
      query: '{ projects { members { resetPasswordToken confirmationToken } } }',
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'resetPasswordToken',
      canaries: [G.staleResetCode],
    },
    {
      name: 'the upload file list',
      rest: 'the upload file list',
      by: 'client',
      query: '{ uploadFiles { name url related { __typename } } }',
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [C.attachment, ...files],
    },
    {
      name: 'one upload file',
      rest: 'one upload file',
      by: 'clientPlus',
      query: () => `{ uploadFile(documentId: "${attachmentFile.documentId}") { name url } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: files,
    },
    {
      name: 'upload files counted by a hidden file’s name',
      by: 'client',
      query: `{ uploadFiles_connection(filters: { name: { startsWith: "${G.hiddenFile}" } }) { pageInfo { total } } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [],
    },
    {
      name: 'the files of documents, visible or not, at depth',
      by: 'clientPlus',
      query: `{
        documents { title file { name url } task { title } }
        comments { task { project { tasks { documents { title file { url } } } documents { title file { url name } } } } }
      }`,
      expect: 'data',
      canaries: [C.hiddenDocument, C.attachment, ...files],
      check: (data) => expect(data.documents).toEqual([{ title: 'Visible document', file: null, task: null }]),
    },
    {
      name: 'a where clause on people',
      rest: 'a where clause on people',
      by: 'client',
      query: `{ usersPermissionsUsers(where: { email: "${C.foreignEmail}" }) { lastName } }`,
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'where',
      canaries: [C.foreignPerson],
    },
    // relations nested in relations, aliases, fragments (GraphQL only)
    {
      name: 'tasks → project → tasks → comments',
      by: 'client',
      query: '{ tasks { project { tasks { title description comments { body } } } } }',
      expect: 'data',
      canaries: [...hidden, C.hiddenTaskDescription, G.trashedTaskComment],
      check: (data) => expect(values(data.tasks[0].project.tasks, 'title')).toEqual(['Visible task']),
    },
    {
      name: 'comments → task → project → tasks → documents → file',
      by: 'client',
      query: '{ comments { task { project { tasks { documents { title file { url } } } } } } }',
      expect: 'data',
      canaries: [...hidden, ...files],
    },
    {
      name: 'comments → author → projects and led projects',
      by: 'clientPlus',
      query: '{ comments { author { firstName projects { name } ledProjects { name tasks { title } } } } }',
      expect: 'data',
      canaries: [C.internalProject, ...hidden],
    },
    {
      name: 'one relation asked twice under aliases with different filters',
      by: 'client',
      query: `{ projects {
        visible: tasks(filters: { title: { eq: "Visible task" } }) { title }
        secret: tasks(filters: { title: { eq: "${C.hiddenTask}" } }) { title description }
        trashed: tasks(filters: { title: { startsWith: "CANARY" } }) { title comments { body } }
        all: tasks(pagination: { limit: 100 }) { title }
      } }`,
      expect: 'data',
      canaries: [C.hiddenTaskDescription, C.trashedTask, G.trashedTaskComment],
      check: (data) =>
        expect(data.projects).toEqual([
          { visible: [{ title: 'Visible task' }], secret: [], trashed: [], all: [{ title: 'Visible task' }] },
        ]),
    },
    {
      name: 'root lists asked twice under aliases, one filtered on hidden titles',
      by: 'clientPlus',
      query: `{
        mine: tasks_connection { pageInfo { total } }
        theirs: tasks_connection(filters: { title: { in: ["Visible task", "${C.hiddenTask}", "${C.trashedTask}", "${C.foreignTask}"] } }) {
          nodes { title } pageInfo { total }
        }
      }`,
      expect: 'data',
      canaries: [C.hiddenTaskDescription],
      baseline: '/api/tasks',
    },
    {
      name: 'fragments and inline fragments at several depths',
      by: 'client',
      query: `
        fragment TaskParts on Task { title description comments { body } documents { title } timeEntries { note } }
        fragment ProjectParts on Project { name tasks { ...TaskParts } budgets { name } }
        { tasks { ...TaskParts project { ...ProjectParts ... on Project { discussions { title comments { body } } } } } }`,
      expect: 'data',
      canaries: [...hidden, C.hiddenTaskDescription, C.hiddenDiscussionComment, C.privateBudget, C.hiddenTaskEntry],
    },
    {
      name: 'an inline fragment on a polymorphic file relation',
      by: 'clientPlus',
      query: '{ documents { file { related { __typename ... on Task { title } ... on Document { title } } } } }',
      expect: 'data',
      canaries: [...hidden, C.hiddenDocument],
    },
    {
      name: 'a nested filter on the hidden flag',
      by: 'clientPlus',
      query: '{ projects { tasks(filters: { hiddenFromClients: { eq: true } }) { title } } }',
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hiddenFromClients',
      canaries: [C.hiddenTask],
    },
    {
      name: 'a nested filter on a financial field',
      by: 'client',
      query: `{ tasks { timeEntries(filters: { or: [{ minutes: { gt: 0 } }, { costCents: { eq: ${C.cost} } }] }) { minutes } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'costCents',
      canaries: [],
    },
    {
      name: 'budgets filtered by their rate override',
      by: 'clientPlus',
      query: `{ budgets(filters: { hourlyRateCents: { eq: ${C.budgetRate} } }) { name } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hourlyRateCents',
      canaries: [],
    },
    // variables, several operations, batching, introspection
    {
      name: 'variables: projects filtered by a hidden task title',
      by: 'client',
      query:
        'query ($title: String) { projects_connection(filters: { tasks: { title: { eq: $title } } }) { pageInfo { total } } }',
      variables: { title: C.hiddenTask },
      expect: 'data',
      canaries: [C.internalProject],
      baseline: `/api/projects?filters[name][$eq]=${C.hiddenTask}`,
    },
    {
      name: 'variables: a whole filter object on a hidden flag',
      by: 'client',
      query: 'query ($filters: TaskFiltersInput) { tasks(filters: $filters) { title } }',
      variables: { filters: { hiddenFromClients: { eq: true } } },
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hiddenFromClients',
      canaries: [C.hiddenTask],
    },
    {
      name: 'variables: a hidden task by documentId',
      by: 'clientPlus',
      query: 'query ($id: ID!) { task(documentId: $id) { title } }',
      variables: () => ({ id: world.hiddenTask.documentId }),
      expect: 'data',
      canaries: [C.hiddenTask],
      check: (data) => expect(data.task).toBeNull(),
    },
    {
      name: 'variables: a comment on a hidden task',
      by: 'client',
      query: 'mutation ($data: CommentInput!) { createComment(data: $data) { body task { title } } }',
      variables: () => ({
        data: { body: 'gql-var-comment', project: world.project.documentId, task: world.hiddenTask.documentId },
      }),
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'task',
      canaries: [C.hiddenTask],
      unchanged: async () => expect(await count('api::comment.comment', { body: 'gql-var-comment' })).toBe(0),
    },
    {
      name: 'two operations in one document, the hidden one chosen by name',
      by: 'client',
      query: () => `query Innocent { tasks { title } }
        query Probe { task(documentId: "${world.hiddenTask.documentId}") { title comments { body } } }`,
      operationName: 'Probe',
      expect: 'data',
      canaries: [C.hiddenTask, C.hiddenComment],
      check: (data) => expect(data).toEqual({ task: null }),
    },
    {
      name: 'batched operations in one POST',
      by: 'clientPlus',
      query: () => ['{ tasks { title } }', `{ task(documentId: "${world.hiddenTask.documentId}") { title } }`],
      expect: 'error',
      code: 'BAD_REQUEST',
      errorMentions: 'batching',
      canaries: [C.hiddenTask, 'Visible task'],
    },
    {
      name: 'introspection of the whole schema',
      by: 'client',
      query: `{ __schema {
        queryType { name } mutationType { name }
        types { name description fields { name description args { name defaultValue } } inputFields { name defaultValue } enumValues { name } }
      } }`,
      expect: 'data',
      canaries: everyCanary,
      check: (data) => expect(data.__schema.types.length).toBeGreaterThan(50),
    },
    {
      name: 'introspection next to rows (`__type`, `__typename`)',
      by: 'clientPlus',
      query: '{ __type(name: "Task") { fields { name } } tasks { __typename documentId title } }',
      expect: 'data',
      canaries: [...hidden],
      check: (data) => expect(values(data.tasks, 'title')).toEqual(['Visible task']),
    },
    // writes that reference foreign or hidden rows: refused, nothing stored
    {
      name: 'a comment on a hidden task',
      rest: 'comment on a hidden task',
      by: 'client',
      query: () => `mutation { createComment(data: {
        body: "gql-on-hidden-task", project: "${world.project.documentId}", task: "${world.hiddenTask.documentId}"
      }) { body task { title } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'task',
      canaries: [C.hiddenTask],
      unchanged: async () => expect(await count('api::comment.comment', { body: 'gql-on-hidden-task' })).toBe(0),
    },
    {
      name: 'a comment on a hidden discussion',
      rest: 'comment on a hidden discussion',
      by: 'clientPlus',
      query: () => `mutation { createComment(data: {
        body: "gql-on-hidden-discussion", project: "${world.project.documentId}", discussion: "${world.hiddenDiscussion.documentId}"
      }) { body discussion { title } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'discussion',
      canaries: [C.hiddenDiscussion],
      unchanged: async () => expect(await count('api::comment.comment', { body: 'gql-on-hidden-discussion' })).toBe(0),
    },
    {
      name: 'a comment on a hidden document',
      by: 'client',
      query: () => `mutation { createComment(data: {
        body: "gql-on-hidden-document", project: "${world.project.documentId}", document: "${world.hiddenDocument.documentId}"
      }) { body document { title } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'document',
      canaries: [C.hiddenDocument],
      unchanged: async () => expect(await count('api::comment.comment', { body: 'gql-on-hidden-document' })).toBe(0),
    },
    {
      name: 'a comment on a hidden note',
      by: 'clientPlus',
      query: () => `mutation { createComment(data: {
        body: "gql-on-hidden-note", project: "${world.project.documentId}", note: "${world.hiddenNote.documentId}"
      }) { body note { title } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'note',
      canaries: [C.hiddenNote],
      unchanged: async () => expect(await count('api::comment.comment', { body: 'gql-on-hidden-note' })).toBe(0),
    },
    {
      name: 'a comment on a foreign task',
      by: 'client',
      query: () => `mutation { createComment(data: {
        body: "gql-on-foreign-task", project: "${world.project.documentId}", task: "${world.foreignTask.documentId}"
      }) { body task { title project { name } } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'task',
      canaries: [C.foreignTask, C.foreignProject],
      unchanged: async () => expect(await count('api::comment.comment', { body: 'gql-on-foreign-task' })).toBe(0),
    },
    {
      name: 'a task in a foreign project',
      rest: 'a task in a foreign project',
      by: 'clientPlus',
      query:
        () => `mutation { createTask(data: { title: "gql-in-foreign-project", project: "${world.foreignProject.documentId}" }) {
        title project { name }
      } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'project',
      canaries: [C.foreignProject],
      unchanged: async () => expect(await count('api::task.task', { title: 'gql-in-foreign-project' })).toBe(0),
    },
    {
      name: 'a document on a hidden task',
      by: 'clientPlus',
      query: () => `mutation { createDocument(data: {
        title: "gql-on-hidden-task", project: "${world.project.documentId}", task: "${world.hiddenTask.documentId}"
      }) { title task { title } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'task',
      canaries: [C.hiddenTask],
      unchanged: async () => expect(await count('api::document.document', { title: 'gql-on-hidden-task' })).toBe(0),
    },
    {
      name: 'a task moved into a foreign project',
      rest: 'move a task into a foreign project',
      by: 'clientPlus',
      query: () => `mutation { updateTask(documentId: "${world.visibleTask.documentId}", data: {
        project: "${world.foreignProject.documentId}"
      }) { title project { name } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'project',
      canaries: [C.foreignProject],
      unchanged: async () =>
        expect((await task(world.visibleTask.documentId)).project.documentId).toBe(world.project.documentId),
    },
    {
      name: 'a task moved into a foreign project with `connect`',
      by: 'clientPlus',
      query: () => `mutation { updateTask(documentId: "${world.visibleTask.documentId}", data: {
        project: { connect: ["${world.foreignProject.documentId}"] }
      }) { title } }`,
      expect: 'error',
      code: 'GRAPHQL_VALIDATION_FAILED',
      errorMentions: 'ID',
      canaries: [C.foreignProject],
      unchanged: async () =>
        expect((await task(world.visibleTask.documentId)).project.documentId).toBe(world.project.documentId),
    },
    {
      name: 'a foreign person assigned',
      rest: 'assign a foreign person',
      by: 'clientPlus',
      query: () => `mutation { updateTask(documentId: "${world.visibleTask.documentId}", data: {
        assignees: ["${world.clientPlus.documentId}", "${world.foreignClient.documentId}"]
      }) { title assignees { lastName } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'assignees',
      canaries: [C.foreignPerson],
      unchanged: async () => expect((await task(world.visibleTask.documentId)).assignees).toEqual([]),
    },
    {
      name: 'a hidden comment pulled onto a visible task through its comments',
      by: 'clientPlus',
      query: () => `mutation { updateTask(documentId: "${world.visibleTask.documentId}", data: {
        comments: ["${world.hiddenComment.documentId}"]
      }) { comments { body } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'comments',
      canaries: [C.hiddenComment],
      unchanged: async () =>
        expect((await comment(world.hiddenComment.documentId)).task.documentId).toBe(world.hiddenTask.documentId),
    },
    {
      name: 'own comment moved onto a hidden task',
      rest: 'move own comment onto a hidden task',
      by: 'client',
      query: () => `mutation { updateComment(documentId: "${world.ownComment.documentId}", data: {
        task: "${world.hiddenTask.documentId}"
      }) { body task { title } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'task',
      canaries: [C.hiddenTask],
      unchanged: async () =>
        expect((await comment(world.ownComment.documentId)).task.documentId).toBe(world.visibleTask.documentId),
    },
    // update and delete of rows the attacker cannot see or may not edit
    {
      name: 'a hidden task unhidden',
      rest: 'unhide a task',
      by: 'clientPlus',
      query:
        () => `mutation { updateTask(documentId: "${world.hiddenTask.documentId}", data: { hiddenFromClients: false }) {
        title description
      } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [C.hiddenTask, C.hiddenTaskDescription],
      unchanged: async () => expect((await task(world.hiddenTask.documentId)).hiddenFromClients).toBe(true),
    },
    {
      name: 'a hidden task renamed',
      by: 'clientPlus',
      query: () =>
        `mutation { updateTask(documentId: "${world.hiddenTask.documentId}", data: { title: "gql-renamed" }) { title } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [C.hiddenTask],
      unchanged: async () => expect((await task(world.hiddenTask.documentId)).title).toBe(C.hiddenTask),
    },
    {
      name: 'a foreign task renamed',
      by: 'clientPlus',
      query: () =>
        `mutation { updateTask(documentId: "${world.foreignTask.documentId}", data: { title: "gql-renamed" }) { title } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [C.foreignTask],
      unchanged: async () => expect((await task(world.foreignTask.documentId)).title).toBe(C.foreignTask),
    },
    {
      name: 'a hidden task deleted',
      by: 'clientPlus',
      query: () => `mutation { deleteTask(documentId: "${world.hiddenTask.documentId}") { documentId } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [C.hiddenTask],
      unchanged: async () => expect((await task(world.hiddenTask.documentId)).deletedAt).toBeNull(),
    },
    {
      name: 'a hidden comment edited',
      by: 'client',
      query: () =>
        `mutation { updateComment(documentId: "${world.hiddenComment.documentId}", data: { body: "gql-edited" }) { body } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [C.hiddenComment],
      unchanged: async () => expect((await comment(world.hiddenComment.documentId)).body).toBe(C.hiddenComment),
    },
    {
      name: 'a hidden comment deleted',
      by: 'client',
      query: () => `mutation { deleteComment(documentId: "${world.hiddenComment.documentId}") { documentId } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [C.hiddenComment],
      unchanged: async () => expect(await comment(world.hiddenComment.documentId)).not.toBeNull(),
    },
    {
      name: 'a foreign comment deleted',
      by: 'client',
      query: () => `mutation { deleteComment(documentId: "${foreignComment.documentId}") { documentId } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [G.foreignComment],
      unchanged: async () => expect(await comment(foreignComment.documentId)).not.toBeNull(),
    },
    {
      name: 'a comment on a trashed task edited',
      by: 'clientPlus',
      query: () =>
        `mutation { updateComment(documentId: "${trashedTaskComment.documentId}", data: { body: "gql-edited" }) { body } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [G.trashedTaskComment],
      unchanged: async () => expect((await comment(trashedTaskComment.documentId)).body).toBe(G.trashedTaskComment),
    },
    {
      name: 'the agency’s visible comment edited',
      by: 'client',
      query: () =>
        `mutation { updateComment(documentId: "${agencyComment.documentId}", data: { body: "gql-edited" }) { body } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [],
      unchanged: async () => expect((await comment(agencyComment.documentId)).body).toBe('From the agency'),
    },
    {
      name: 'a hidden note deleted',
      by: 'clientPlus',
      query: () => `mutation { deleteNote(documentId: "${world.hiddenNote.documentId}") { documentId } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [C.hiddenNote],
      unchanged: async () => {
        const note = await app.strapi.db
          .query('api::note.note')
          .findOne({ where: { documentId: world.hiddenNote.documentId } });
        expect(note.deletedAt).toBeNull();
      },
    },
    {
      name: 'a hidden discussion renamed',
      by: 'client',
      query: () =>
        `mutation { updateDiscussion(documentId: "${world.hiddenDiscussion.documentId}", data: { title: "gql-renamed" }) { title body } }`,
      expect: 'error',
      code: 'STRAPI_NOT_FOUND_ERROR',
      canaries: [C.hiddenDiscussion],
      unchanged: async () => {
        const where = { documentId: world.hiddenDiscussion.documentId };
        expect((await app.strapi.db.query('api::discussion.discussion').findOne({ where })).title).toBe(
          C.hiddenDiscussion
        );
      },
    },
    {
      name: 'time logged by a client',
      by: 'clientPlus',
      query: () => `mutation { createTimeEntry(data: {
        project: "${world.project.documentId}", task: "${world.hiddenTask.documentId}", date: "2026-11-03", minutes: 5
      }) { minutes rateCents } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [C.hiddenTask, ...money],
      unchanged: async () => expect(await count('api::time-entry.time-entry', { date: '2026-11-03' })).toBe(0),
    },
    // mass assignment of flags, authors, roles, companies
    {
      name: 'a task created hidden',
      rest: 'create a task that is hidden',
      by: 'clientPlus',
      query:
        () => `mutation { createTask(data: { title: "gql-hidden", project: "${world.project.documentId}", hiddenFromClients: true }) {
        title
      } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'hiddenFromClients',
      canaries: [],
      unchanged: async () => expect(await count('api::task.task', { title: 'gql-hidden' })).toBe(0),
    },
    {
      name: 'a task trashed by setting deletedAt',
      rest: 'trash a task by setting deletedAt',
      by: 'clientPlus',
      query:
        () => `mutation { updateTask(documentId: "${world.visibleTask.documentId}", data: { deletedAt: "2026-01-01T00:00:00.000Z" }) {
        title
      } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'deletedAt',
      canaries: [],
      unchanged: async () => expect((await task(world.visibleTask.documentId)).deletedAt).toBeNull(),
    },
    {
      name: 'own role and flags changed',
      rest: 'change own role through /api/users',
      by: 'client',
      query:
        () => `mutation { updateUsersPermissionsUser(id: "${world.client.id}", data: { role: "1", clientManager: true }) {
        data { documentId }
      } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [],
      unchanged: async () => {
        const stored = await app.strapi.db
          .query('plugin::users-permissions.user')
          .findOne({ where: { id: world.client.id } });
        expect(stored.clientManager).toBe(false);
      },
    },
    {
      name: 'a person created',
      rest: 'create a person through /api/users',
      by: 'clientPlus',
      query:
        'mutation { createUsersPermissionsUser(data: { username: "gql-x", email: "gql-x@x.test", password: "xxxxxxxx", role: "1" }) { data { documentId } } }',
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [],
      unchanged: async () => expect(await count('plugin::users-permissions.user', { email: 'gql-x@x.test' })).toBe(0),
    },
    {
      name: 'a person deleted',
      by: 'clientPlus',
      query: () => `mutation { deleteUsersPermissionsUser(id: "${world.foreignClient.id}") { data { documentId } } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [C.foreignPerson, C.foreignEmail],
      unchanged: async () =>
        expect(await count('plugin::users-permissions.user', { id: world.foreignClient.id })).toBe(1),
    },
    {
      name: 'a forged comment author',
      rest: 'forge a comment author',
      by: 'client',
      query: () => `mutation { createComment(data: {
        body: "gql-forged", project: "${world.project.documentId}", task: "${world.visibleTask.documentId}", author: "${world.member.documentId}"
      }) { body author { firstName } } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'author',
      canaries: [],
      unchanged: async () => expect(await count('api::comment.comment', { body: 'gql-forged' })).toBe(0),
    },
    {
      name: 'a project moved to another company',
      rest: 'set own company through a project',
      by: 'clientPlus',
      query:
        () => `mutation { updateProject(documentId: "${world.project.documentId}", data: { company: "${world.globex.documentId}" }) {
        name company { name }
      } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: [C.foreignCompanyAddress],
      unchanged: async () => {
        const where = { documentId: world.project.documentId };
        const stored = await app.strapi.db.query('api::project.project').findOne({ where, populate: ['company'] });
        expect(stored.company.documentId).toBe(world.acme.documentId);
      },
    },
    {
      name: 'a new account registered',
      rest: 'register a new account',
      by: 'client',
      query:
        'mutation { register(input: { username: "gql-walkin", email: "gql-walkin@x.test", password: "walkin-pass" }) { jwt } }',
      expect: 'error',
      code: 'STRAPI_APPLICATION_ERROR',
      errorMentions: 'disabled',
      canaries: [],
      unchanged: async () =>
        expect(await count('plugin::users-permissions.user', { email: 'gql-walkin@x.test' })).toBe(0),
    },
    {
      name: 'upload file metadata changed',
      by: 'clientPlus',
      query: () =>
        `mutation { updateUploadFile(id: "${attachmentFile.id}", info: { name: "gql-renamed" }) { name url } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: files,
      unchanged: async () =>
        expect(
          (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: attachmentFile.id } })).name
        ).toBe(`${G.attachmentFile}.pdf`),
    },
    {
      name: 'an upload file deleted',
      by: 'client',
      query: () => `mutation { deleteUploadFile(id: "${attachmentFile.id}") { name url } }`,
      expect: 'error',
      code: 'FORBIDDEN',
      canaries: files,
      unchanged: async () => expect(await count('plugin::upload.file', { id: attachmentFile.id })).toBe(1),
    },
    // accounts (docs/http-api.md#accounts): GraphQL's sign-in and reset answer as REST's
    {
      name: 'sign-in of an archived person',
      by: 'anonymous',
      query:
        () => `mutation { login(input: { identifier: "${archivedClient.email}", password: "${archivedClient.password}" }) {
        jwt user { email }
      } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'Invalid identifier or password',
      canaries: ['archived', () => archivedClient.email],
    },
    {
      name: 'sign-in of a blocked person tells nothing of the block',
      by: 'anonymous',
      query: () =>
        `mutation { login(input: { identifier: "${blockedClient.email}", password: "${blockedClient.password}" }) { jwt } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'Invalid identifier or password',
      canaries: ['blocked'],
    },
    {
      name: 'forgot-password tells nothing of whether a foreign email has an account',
      by: 'client',
      query: `mutation { forgotPassword(email: "${C.foreignEmail}") { ok } }`,
      expect: 'data',
      canaries: [C.foreignPerson],
      check: (data) => expect(data).toEqual({ forgotPassword: { ok: true } }),
    },
    {
      name: 'a password reset with a stale users-permissions code',
      by: 'anonymous',
      query: `mutation { resetPassword(code: "${G.staleResetCode}", password: "taken-over-1", passwordConfirmation: "taken-over-1") {
        jwt user { email username }
      } }`,
      expect: 'error',
      code: 'BAD_USER_INPUT',
      errorMentions: 'code',
      canaries: [C.foreignEmail],
      unchanged: async () => {
        const stored = await app.strapi.db
          .query('plugin::users-permissions.user')
          .findOne({ where: { id: world.foreignClient.id } });
        const same = await app.strapi
          .plugin('users-permissions')
          .service('user')
          .validatePassword(world.foreignClient.password, stored.password);
        expect(same).toBe(true);
      },
    },
  ];

  it.each(attacks.map((attack) => [attack.name, attack] as const))('%s', async (_name, attack) => {
    const response = await gql(
      attack.by,
      resolve(attack.query),
      attack.variables && resolve(attack.variables),
      attack.operationName
    );
    const errors = (response.body?.errors ?? undefined) as GraphQLError[] | undefined;
    const data = response.body?.data;
    for (const planted of attack.canaries) expect(response.text).not.toContain(String(resolve(planted)));
    if (attack.expect === 'data') {
      expect(errors).toBeUndefined();
      expect(response.status).toBe(200);
      expect(data).toBeTruthy();
    } else {
      expect(errors?.length).toBeGreaterThan(0);
      expect(response.status).toBe(REQUEST_ERRORS.has(String(attack.code)) ? 400 : 200);
      for (const error of errors!) {
        expect(error.extensions?.code).toBe(attack.code);
        // What failed yields nothing: the field in error is null, whatever else the operation answered.
        if (error.path) expect(at(data, error.path) ?? null).toBeNull();
      }
      if (attack.errorMentions)
        expect(errors!.map((error) => error.message).join('\n')).toContain(attack.errorMentions);
    }
    attack.check?.(data);
    if (attack.baseline) {
      const totals = totalsIn(data);
      expect(totals.length).toBeGreaterThan(0);
      const expected = await baselineTotal(attack);
      for (const total of totals) expect(total).toBe(expected);
    }
    await attack.unchanged?.();
  });

  const baselineTotal = async (attack: GraphQLAttack): Promise<number> => {
    const baseline = attack.baseline!;
    if (typeof baseline === 'object') {
      const response = await gql(attack.by, resolve(baseline.query), baseline.variables && resolve(baseline.variables));
      expect(response.body.errors).toBeUndefined();
      const totals = totalsIn(response.body.data);
      expect(totals).toHaveLength(1);
      return totals[0];
    }
    const response = await app.http.get(resolve(baseline), attacker(attack.by));
    expect(response.status).toBe(200);
    const body = response.body;
    // /api/users answers a bare list, /api/users/count a bare number, the rest Strapi's {data, meta}.
    return Array.isArray(body) ? body.length : typeof body === 'number' ? body : body.meta.pagination.total;
  };

  it('an active person still signs in and asks for a reset through GraphQL, as through REST', async () => {
    const { client } = world;
    const signIn = await gql(
      'anonymous',
      `mutation { login(input: { identifier: "${client.email}", password: "${client.password}" }) { jwt user { documentId } } }`
    );
    expect(signIn.body.errors).toBeUndefined();
    expect(signIn.body.data.login.user.documentId).toBe(client.documentId);
    const me = await app.http.post('/graphql', { query: '{ me { documentId } }' }, signIn.body.data.login.jwt);
    expect(me.body.data.me.documentId).toBe(client.documentId);
    // Bad input is answered as REST answers it: a 400-like error naming the field.
    const forgot = await gql('anonymous', 'mutation { forgotPassword(email: "not an email") { ok } }');
    expect(forgot.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(forgot.body.errors?.[0].message).toContain('email');
    const known = await gql('anonymous', `mutation { forgotPassword(email: "${client.email}") { ok } }`);
    expect(known.body).toEqual({ data: { forgotPassword: { ok: true } } });
  });

  it('has a GraphQL twin for every REST attack that has a GraphQL form', () => {
    expect(new Set(attacks.map((attack) => attack.name)).size).toBe(attacks.length);
    // The REST attacks, read from their suite (importing it would run it).
    const source = fs.readFileSync(path.join(__dirname, 'attack.test.ts'), 'utf8');
    const restNames = [...source.matchAll(/\bname: '([^']+)'/g)].map((match) => match[1]);
    expect(restNames.length).toBeGreaterThanOrEqual(40);
    const twins = new Set(attacks.map((attack) => attack.rest).filter(Boolean));
    for (const name of twins) expect(restNames).toContain(name);
    for (const name of Object.keys(NO_GRAPHQL_FORM)) expect(restNames).toContain(name);
    expect(restNames.filter((name) => !twins.has(name) && !(name in NO_GRAPHQL_FORM))).toEqual([]);
    expect(attacks.length).toBeGreaterThanOrEqual(restNames.length - Object.keys(NO_GRAPHQL_FORM).length);
  });
});
