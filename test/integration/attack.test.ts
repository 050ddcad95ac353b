import { startApp, type TestApp } from '../harness/app';
import { buildAttackWorld, canaries as C, canaryGroups } from '../harness/attack-world';
import { databaseClient } from '../harness/database';
import type { Person, Row } from '../harness/fixtures';

/**
 * An attacker with a Client or Client+ login. Every attack has its own canary,
 * planted in data that attacker must not see (test/harness/attack-world.ts); the
 * canary must appear nowhere in the response, and list totals must equal those of
 * an innocent baseline request. test/integration/graphql-attack.test.ts runs the
 * same attacks, and more, through /graphql.
 */

interface Attack {
  name: string;
  by: 'client' | 'clientPlus';
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string | (() => string);
  body?: () => unknown;
  /** Expected status. */
  status: number;
  /** Canaries that must not appear in the response. */
  canaries: (string | number)[];
  /** An innocent request whose total the attack's total must equal. */
  baseline?: string;
  /** A check on stored data after a write attempt. */
  unchanged?: () => Promise<void>;
}

describe(`attack suite for client logins on ${databaseClient()}`, () => {
  let app: TestApp;
  let client: Person;
  let clientPlus: Person;
  let foreignClient: Person;
  let member: Person;
  let project: Row;
  let foreignProject: Row;
  let visibleTask: Row;
  let hiddenTask: Row;
  let hiddenDiscussion: Row;
  let foreignTask: Row;
  let ownComment: Row;

  beforeAll(async () => {
    app = await startApp();
    ({
      client,
      clientPlus,
      foreignClient,
      member,
      project,
      foreignProject,
      visibleTask,
      hiddenTask,
      hiddenDiscussion,
      foreignTask,
      ownComment,
    } = await buildAttackWorld(app));
  });

  afterAll(() => app?.stop());

  const { hidden, money, foreign } = canaryGroups;

  const attacks: Attack[] = [
    // populate at depth
    {
      name: 'populate=* on the project list',
      by: 'client',
      path: '/api/projects?populate=*',
      status: 200,
      canaries: [...hidden, ...foreign, C.privateBudget, C.internalProject],
      baseline: '/api/projects',
    },
    {
      name: 'populate=* on one project',
      by: 'clientPlus',
      path: () => `/api/projects/${project.documentId}?populate=*`,
      status: 200,
      canaries: [...hidden, ...money, C.hiddenActivity, C.hiddenNote],
    },
    {
      name: 'populate tasks → comments → task → documents',
      by: 'client',
      path: '/api/projects?populate[tasks][populate][comments][populate][task][populate]=documents',
      status: 200,
      canaries: hidden,
      baseline: '/api/projects',
    },
    {
      name: 'populate discussions → comments',
      by: 'clientPlus',
      path: '/api/projects?populate[discussions][populate]=comments',
      status: 200,
      canaries: [C.hiddenDiscussion, C.hiddenDiscussionComment],
    },
    {
      name: 'populate members → projects → tasks',
      by: 'client',
      path: '/api/projects?populate[members][populate][projects][populate]=tasks',
      status: 200,
      canaries: [...hidden, ...foreign, C.internalProject],
    },
    {
      name: 'populate company → projects',
      by: 'client',
      path: '/api/companies?populate[projects][populate]=tasks',
      status: 200,
      canaries: [C.internalProject, ...hidden],
    },
    {
      name: 'populate budgets → time entries with rates',
      by: 'client',
      path: '/api/projects?populate[budgets][populate][timeEntries][populate]=*&populate[timeEntries][populate]=*',
      status: 200,
      canaries: [C.privateBudget, C.pendingEntry, ...money],
    },
    {
      name: 'populate comments → discussion on a comment list',
      by: 'clientPlus',
      path: '/api/comments?populate[discussion][populate]=comments&populate[task][populate]=*',
      status: 200,
      canaries: [C.hiddenDiscussion, C.hiddenDiscussionComment, C.hiddenComment],
      baseline: '/api/comments',
    },
    // relation filters as oracles
    {
      name: 'filter projects by a hidden task title',
      by: 'client',
      path: `/api/projects?filters[tasks][title][$eq]=${C.hiddenTask}`,
      status: 200,
      canaries: [C.hiddenTask],
      baseline: `/api/projects?filters[name][$eq]=${C.hiddenTask}`,
    },
    {
      name: 'filter projects by a hidden task description prefix',
      by: 'clientPlus',
      path: '/api/projects?filters[tasks][description][$startsWith]=CANARY',
      status: 200,
      canaries: [C.hiddenTaskDescription],
      baseline: '/api/projects?filters[name][$startsWith]=CANARY',
    },
    {
      name: 'filter tasks through comments on hidden tasks',
      by: 'client',
      path: '/api/tasks?filters[comments][body][$contains]=CANARY',
      status: 200,
      canaries: [C.hiddenComment],
      baseline: '/api/tasks?filters[title][$eq]=nothing',
    },
    {
      name: 'filter comments by the hidden flag of their task',
      by: 'client',
      path: '/api/comments?filters[task][hiddenFromClients][$eq]=true',
      status: 400,
      canaries: [C.hiddenComment],
    },
    {
      name: 'filter projects by the email of a foreign member',
      by: 'client',
      path: `/api/projects?filters[members][email][$eq]=${C.foreignEmail}`,
      status: 400,
      canaries: [C.foreignEmail],
    },
    {
      name: 'filter projects by a foreign member’s last name',
      by: 'clientPlus',
      path: `/api/projects?filters[members][lastName][$eq]=${C.foreignPerson}`,
      status: 200,
      canaries: [C.foreignPerson],
      baseline: '/api/projects?filters[name][$eq]=none',
    },
    {
      name: 'filter companies by their projects’ names',
      by: 'client',
      path: `/api/companies?filters[projects][name][$eq]=${C.internalProject}`,
      status: 400,
      canaries: [C.internalProject],
    },
    {
      name: 'filter budgets through time entry rates',
      by: 'client',
      path: `/api/projects?filters[timeEntries][rateCents][$eq]=${C.rate}`,
      status: 400,
      canaries: [C.rate],
    },
    {
      name: 'filter with $or around the row rule',
      by: 'clientPlus',
      path: `/api/tasks?filters[$or][0][title][$eq]=${C.hiddenTask}&filters[$or][1][title][$eq]=Visible task`,
      status: 200,
      canaries: [C.hiddenTask],
      baseline: '/api/tasks?filters[title][$eq]=Visible task',
    },
    {
      name: 'filter a relation by existence only',
      by: 'client',
      path: '/api/tasks?filters[documents][$notNull]=true',
      status: 400,
      canaries: [C.attachment],
    },
    {
      name: 'filter projects through budgets the client may not see',
      by: 'client',
      path: '/api/projects?filters[budgets][name][$ne]=nobody',
      status: 200,
      canaries: [C.privateBudget],
      baseline: '/api/projects?filters[name][$eq]=nobody',
    },
    {
      name: 'negate a filter through budgets the client may not see',
      by: 'client',
      path: '/api/projects?filters[$not][budgets][name][$eq]=nobody',
      status: 400,
      canaries: [C.privateBudget],
    },
    {
      name: 'filter inside a component populate (invoice lines)',
      by: 'clientPlus',
      path: '/api/invoices?populate[lines][populate][timeEntry]=false&populate[lines][filters][description][$eq]=x',
      status: 400,
      canaries: money,
    },
    // sort and _q oracles
    {
      name: 'search tasks for a hidden title',
      by: 'client',
      path: '/api/tasks?_q=CANARY',
      status: 200,
      canaries: [C.hiddenTask, C.trashedTask],
      baseline: '/api/tasks?filters[title][$startsWith]=CANARY',
    },
    {
      name: 'search comments for a hidden comment',
      by: 'clientPlus',
      path: '/api/comments?_q=CANARY',
      status: 200,
      canaries: [C.hiddenComment, C.hiddenDiscussionComment],
      baseline: '/api/comments?filters[body][$startsWith]=CANARY',
    },
    {
      name: 'search people by a foreign email',
      by: 'client',
      path: `/api/users?_q=${C.foreignEmail}`,
      status: 200,
      canaries: [C.foreignEmail, C.foreignPerson],
    },
    {
      name: 'sort tasks by the hidden flag',
      by: 'client',
      path: '/api/tasks?sort=hiddenFromClients:desc',
      status: 400,
      canaries: [C.hiddenTask],
    },
    {
      name: 'sort comments through their task',
      by: 'clientPlus',
      path: '/api/comments?sort=task.title:asc',
      status: 400,
      canaries: [C.hiddenComment],
    },
    {
      name: 'sort time entries by rate',
      by: 'client',
      path: '/api/time-entries?sort=rateCents:desc',
      status: 400,
      canaries: [C.rate],
    },
    // fields
    {
      name: 'select the hidden flag',
      by: 'client',
      path: '/api/tasks?fields[0]=title&fields[1]=hiddenFromClients',
      status: 400,
      canaries: [C.hiddenTask],
    },
    {
      name: 'select a person’s email and rate',
      by: 'clientPlus',
      path: '/api/users?fields[0]=email&fields[1]=hourlyRateCents',
      status: 400,
      canaries: [C.foreignEmail, C.personRate],
    },
    {
      name: 'select the budget rate override',
      by: 'client',
      path: '/api/budgets?fields[0]=hourlyRateCents',
      status: 400,
      canaries: [C.budgetRate],
    },
    {
      name: 'select fields inside a populate',
      by: 'clientPlus',
      path: '/api/projects?populate[tasks][fields][0]=hiddenFromClients',
      status: 400,
      canaries: [C.hiddenTask],
    },
    // pagination totals
    {
      name: 'a large page of tasks',
      by: 'client',
      path: '/api/tasks?pagination[pageSize]=100',
      status: 200,
      canaries: [...hidden, C.foreignTask],
      baseline: '/api/tasks',
    },
    {
      name: 'the second page of comments',
      by: 'clientPlus',
      path: '/api/comments?pagination[page]=2&pagination[pageSize]=1',
      status: 200,
      canaries: [C.hiddenComment],
      baseline: '/api/comments',
    },
    {
      name: 'start/limit pagination of discussions',
      by: 'client',
      path: '/api/discussions?pagination[start]=0&pagination[limit]=100',
      status: 200,
      canaries: [C.hiddenDiscussion],
      baseline: '/api/discussions',
    },
    {
      name: 'a page over the limit',
      by: 'client',
      path: '/api/tasks?pagination[pageSize]=500',
      status: 400,
      canaries: [C.hiddenTask],
    },
    // drafts and locale
    { name: 'drafts of tasks', by: 'client', path: '/api/tasks?status=draft', status: 200, canaries: hidden },
    {
      name: 'a hidden task by documentId as draft',
      by: 'clientPlus',
      path: () => `/api/tasks/${hiddenTask.documentId}?status=draft`,
      status: 404,
      canaries: [C.hiddenTask],
    },
    { name: 'another locale', by: 'client', path: '/api/tasks?locale=fr', status: 200, canaries: hidden },
    // single reads
    {
      name: 'a hidden task by documentId',
      by: 'client',
      path: () => `/api/tasks/${hiddenTask.documentId}?populate=*`,
      status: 404,
      canaries: [C.hiddenTask],
    },
    {
      name: 'a foreign task by documentId',
      by: 'clientPlus',
      path: () => `/api/tasks/${foreignTask.documentId}`,
      status: 404,
      canaries: [C.foreignTask],
    },
    {
      name: 'a foreign project by documentId',
      by: 'client',
      path: () => `/api/projects/${foreignProject.documentId}?populate=*`,
      status: 404,
      canaries: [C.foreignProject],
    },
    {
      name: 'time entries (a plain Client sees none)',
      by: 'client',
      path: '/api/time-entries?populate=*',
      status: 200,
      canaries: [C.pendingEntry, C.nonBillableEntry, C.hiddenTaskEntry, ...money],
      baseline: '/api/time-entries?filters[id][$null]=true',
    },
    {
      name: 'invoices (drafts and other companies)',
      by: 'clientPlus',
      path: '/api/invoices?populate=*',
      status: 200,
      canaries: [C.draftInvoice, C.foreignInvoice],
      baseline: '/api/invoices?filters[id][$null]=true',
    },
    {
      name: 'budgets without client access',
      by: 'client',
      path: '/api/budgets?populate=*',
      status: 200,
      canaries: [C.privateBudget, C.budgetRate],
      baseline: '/api/budgets?filters[id][$null]=true',
    },
    {
      name: 'the activity feed',
      by: 'clientPlus',
      path: '/api/activities?populate=*',
      status: 200,
      canaries: [C.hiddenActivity],
      baseline: '/api/activities',
    },
    // users and upload endpoints
    {
      name: 'the people list',
      by: 'client',
      path: '/api/users?populate=*',
      status: 200,
      canaries: [...foreign, C.personRate, 'password', '@people.test'],
    },
    {
      name: 'a foreign person by id',
      by: 'clientPlus',
      path: () => `/api/users/${foreignClient.id}`,
      status: 404,
      canaries: [C.foreignPerson, C.foreignEmail],
    },
    { name: 'the people count', by: 'client', path: '/api/users/count', status: 200, canaries: [] },
    {
      name: 'own profile with deep populate',
      by: 'client',
      path: '/api/users/me?populate[company][populate][projects][populate]=tasks',
      status: 200,
      canaries: [...hidden, C.internalProject],
    },
    { name: 'the upload file list', by: 'client', path: '/api/upload/files', status: 403, canaries: [C.attachment] },
    { name: 'one upload file', by: 'clientPlus', path: '/api/upload/files/1', status: 403, canaries: [] },
    {
      name: 'a where clause on people',
      by: 'client',
      path: `/api/users?where[email]=${C.foreignEmail}`,
      status: 400,
      canaries: [C.foreignPerson],
    },
    // writes that connect to foreign or hidden rows
    {
      name: 'comment on a hidden task',
      by: 'client',
      method: 'POST',
      path: '/api/comments',
      body: () => ({ data: { body: 'x', project: project.documentId, task: hiddenTask.documentId } }),
      status: 400,
      canaries: [C.hiddenTask],
    },
    {
      name: 'comment on a hidden discussion',
      by: 'clientPlus',
      method: 'POST',
      path: '/api/comments',
      body: () => ({ data: { body: 'x', project: project.documentId, discussion: hiddenDiscussion.documentId } }),
      status: 400,
      canaries: [C.hiddenDiscussion],
    },
    {
      name: 'a task in a foreign project',
      by: 'clientPlus',
      method: 'POST',
      path: '/api/tasks',
      body: () => ({ data: { title: 'x', project: foreignProject.documentId } }),
      status: 400,
      canaries: [C.foreignProject],
    },
    {
      name: 'move a task into a foreign project',
      by: 'clientPlus',
      method: 'PUT',
      path: () => `/api/tasks/${visibleTask.documentId}`,
      body: () => ({ data: { project: { connect: [foreignProject.documentId] } } }),
      status: 400,
      canaries: [C.foreignProject],
    },
    {
      name: 'assign a foreign person',
      by: 'clientPlus',
      method: 'PUT',
      path: () => `/api/tasks/${visibleTask.documentId}`,
      body: () => ({ data: { assignees: { set: [foreignClient.documentId] } } }),
      status: 400,
      canaries: [C.foreignPerson],
    },
    {
      name: 'move own comment onto a hidden task',
      by: 'client',
      method: 'PUT',
      path: () => `/api/comments/${ownComment.documentId}`,
      body: () => ({ data: { task: hiddenTask.documentId } }),
      status: 400,
      canaries: [C.hiddenTask],
    },
    // mass assignment of role, company, flags
    {
      name: 'unhide a task',
      by: 'clientPlus',
      method: 'PUT',
      path: () => `/api/tasks/${hiddenTask.documentId}`,
      body: () => ({ data: { hiddenFromClients: false } }),
      status: 404,
      canaries: [C.hiddenTask],
      unchanged: async () =>
        expect(
          (await app.strapi.db.query('api::task.task').findOne({ where: { documentId: hiddenTask.documentId } }))
            .hiddenFromClients
        ).toBe(true),
    },
    {
      name: 'create a task that is hidden',
      by: 'clientPlus',
      method: 'POST',
      path: '/api/tasks',
      body: () => ({ data: { title: 'x', project: project.documentId, hiddenFromClients: true } }),
      status: 400,
      canaries: [],
    },
    {
      name: 'trash a task by setting deletedAt',
      by: 'clientPlus',
      method: 'PUT',
      path: () => `/api/tasks/${visibleTask.documentId}`,
      body: () => ({ data: { deletedAt: new Date().toISOString() } }),
      status: 400,
      canaries: [],
    },
    {
      name: 'change own role through /api/users',
      by: 'client',
      method: 'PUT',
      path: () => `/api/users/${client.id}`,
      body: () => ({ role: 1, clientManager: true }),
      status: 403,
      canaries: [],
      unchanged: async () =>
        expect(
          (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: client.id } }))
            .clientManager
        ).toBe(false),
    },
    {
      name: 'create a person through /api/users',
      by: 'clientPlus',
      method: 'POST',
      path: '/api/users',
      body: () => ({ username: 'x', email: 'x@x.test', password: 'xxxxxxxx', role: 1 }),
      status: 403,
      canaries: [],
    },
    {
      name: 'forge a comment author',
      by: 'client',
      method: 'POST',
      path: '/api/comments',
      body: () => ({
        data: { body: 'x', project: project.documentId, task: visibleTask.documentId, author: member.documentId },
      }),
      status: 400,
      canaries: [],
    },
    {
      name: 'set own company through a project',
      by: 'clientPlus',
      method: 'PUT',
      path: () => `/api/projects/${project.documentId}`,
      body: () => ({ data: { company: foreignProject.documentId } }),
      status: 403,
      canaries: [],
    },
    {
      name: 'register a new account',
      by: 'client',
      method: 'POST',
      path: '/api/auth/local/register',
      body: () => ({ username: 'walkin', email: 'walkin@x.test', password: 'walkin-pass' }),
      status: 403,
      canaries: [],
    },
  ];

  it('has at least 40 distinct attacks', () => {
    expect(new Set(attacks.map((attack) => attack.name)).size).toBe(attacks.length);
    expect(attacks.length).toBeGreaterThanOrEqual(40);
  });

  it.each(attacks.map((attack) => [attack.name, attack] as const))('%s', async (_name, attack) => {
    const attacker = attack.by === 'client' ? client : clientPlus;
    const path = typeof attack.path === 'function' ? attack.path() : attack.path;
    const response = await app.http.request(attack.method ?? 'GET', path, { jwt: attacker.jwt, body: attack.body?.() });
    expect(response.status).toBe(attack.status);
    expect(response.status).toBeLessThan(500);
    for (const planted of attack.canaries) expect(response.text).not.toContain(String(planted));
    if (attack.baseline) {
      const baseline = await app.http.get(attack.baseline, attacker.jwt);
      expect(baseline.status).toBe(200);
      expect(response.body.meta.pagination.total).toBe(baseline.body.meta.pagination.total);
    }
    await attack.unchanged?.();
  });
});
