import type { TestApp } from './app';
import { fixtures, type Person, type Row } from './fixtures';

/**
 * The attack world shared by the REST and GraphQL attack suites: an agency client
 * (Acme) whose Client and Client+ are the attackers, another client company (Globex)
 * and an internal project, with one canary planted in each thing the attackers must
 * never see. The canaries are drawn when this module loads (each test file loads it
 * afresh), so suites can name them while jest collects their tests, before the world exists.
 */

const canary = (name: string) => `CANARY-${name}-${Math.random().toString(36).slice(2, 8)}`;

const plantCanaries = () => ({
  hiddenTask: canary('hidden-task'),
  hiddenTaskDescription: canary('hidden-task-description'),
  trashedTask: canary('trashed-task'),
  hiddenComment: canary('comment-on-hidden-task'),
  hiddenDiscussion: canary('hidden-discussion'),
  hiddenDiscussionComment: canary('comment-on-hidden-discussion'),
  hiddenNote: canary('hidden-note'),
  hiddenDocument: canary('hidden-document'),
  attachment: canary('attachment-of-hidden-task'),
  hiddenActivity: canary('hidden-activity'),
  foreignTask: canary('globex-task'),
  foreignProject: canary('globex-project'),
  foreignCompanyAddress: canary('globex-address'),
  foreignPerson: canary('globex-person'),
  foreignEmail: `canary-${Math.random().toString(36).slice(2, 8)}@globex.test`,
  internalProject: canary('internal-project'),
  privateBudget: canary('budget-without-access'),
  pendingEntry: canary('pending-entry'),
  nonBillableEntry: canary('non-billable-entry'),
  hiddenTaskEntry: canary('entry-on-hidden-task'),
  draftInvoice: 'INV-2026-9901',
  foreignInvoice: 'INV-2026-9902',
  rate: 91919,
  cost: 92929,
  budgetRate: 93939,
  personRate: 94949,
});

export type Canaries = ReturnType<typeof plantCanaries>;

export const canaries: Canaries = plantCanaries();

/** Canaries grouped as most attacks name them. */
export const canaryGroups = {
  hidden: [
    canaries.hiddenTask,
    canaries.hiddenComment,
    canaries.hiddenDiscussion,
    canaries.attachment,
    canaries.trashedTask,
  ],
  /** Financial values and the names of financial fields (REST never returns those names to clients). */
  money: [
    canaries.rate,
    canaries.cost,
    canaries.budgetRate,
    canaries.personRate,
    'rateCents',
    'costCents',
    'hourlyRateCents',
  ] as (string | number)[],
  foreign: [
    canaries.foreignTask,
    canaries.foreignProject,
    canaries.foreignPerson,
    canaries.foreignEmail,
    canaries.foreignCompanyAddress,
  ],
};

export interface AttackWorld {
  canaries: Canaries;
  groups: typeof canaryGroups;
  acme: Row;
  globex: Row;
  /** Member, leader of `project` and of the internal project, with an hourly rate. */
  member: Person;
  /** The attackers: a Client and a Client+ of Acme, members of `project` only. */
  client: Person;
  clientPlus: Person;
  /** A Client of Globex, on `foreignProject`. */
  foreignClient: Person;
  project: Row;
  foreignProject: Row;
  internalProject: Row;
  visibleTask: Row;
  hiddenTask: Row;
  trashedTask: Row;
  foreignTask: Row;
  /** The Client's own comment on the visible task. */
  ownComment: Row;
  hiddenComment: Row;
  hiddenDiscussion: Row;
  hiddenDiscussionComment: Row;
  hiddenNote: Row;
  hiddenDocument: Row;
  /** A document that is not hidden itself but hangs off the hidden task. */
  attachment: Row;
  hiddenActivity: Row;
  /** A budget shared with clients (with a rate override), and one that is not. */
  sharedBudget: Row;
  privateBudget: Row;
  pendingEntry: Row;
  nonBillableEntry: Row;
  hiddenTaskEntry: Row;
  draftInvoice: Row;
  foreignInvoice: Row;
}

/** Builds the attack world in `app`'s database (directly, past the rules). */
export const buildAttackWorld = async (app: TestApp): Promise<AttackWorld> => {
  const C = canaries;
  const make = fixtures(app);
  const acme = await make.company({ name: 'Acme' });
  const globex = await make.company({ name: 'Globex', address: C.foreignCompanyAddress });
  const member = await make.person({ role: 'member', hourlyRateCents: C.personRate });
  const client = await make.person({ role: 'client', company: acme });
  const clientPlus = await make.person({ role: 'client-plus', company: acme });
  const foreignClient = await make.person({ role: 'client', company: globex, lastName: C.foreignPerson });
  await app.strapi.db
    .query('plugin::users-permissions.user')
    .update({ where: { id: foreignClient.id }, data: { email: C.foreignEmail } });
  const project = await make.project(acme, { name: 'Acme site', leader: member, members: [client, clientPlus] });
  const foreignProject = await make.project(globex, { name: C.foreignProject, members: [foreignClient] });
  const internalProject = await make.project(acme, { name: C.internalProject, leader: member });
  const inA = { project: project.documentId };

  const visibleTask = await make.create('api::task.task', { ...inA, title: 'Visible task' });
  const hiddenTask = await make.create('api::task.task', {
    ...inA,
    title: C.hiddenTask,
    description: C.hiddenTaskDescription,
    hiddenFromClients: true,
  });
  const trashedTask = await make.create('api::task.task', { ...inA, title: C.trashedTask, deletedAt: new Date() });
  const foreignTask = await make.create('api::task.task', {
    project: foreignProject.documentId,
    title: C.foreignTask,
  });
  const ownComment = await make.create('api::comment.comment', {
    ...inA,
    task: visibleTask.documentId,
    body: 'Mine',
    author: client.documentId,
  });
  const hiddenComment = await make.create('api::comment.comment', {
    ...inA,
    task: hiddenTask.documentId,
    body: C.hiddenComment,
  });
  const hiddenDiscussion = await make.create('api::discussion.discussion', {
    ...inA,
    title: C.hiddenDiscussion,
    hiddenFromClients: true,
  });
  const hiddenDiscussionComment = await make.create('api::comment.comment', {
    ...inA,
    discussion: hiddenDiscussion.documentId,
    body: C.hiddenDiscussionComment,
  });
  const hiddenNote = await make.create('api::note.note', { ...inA, title: C.hiddenNote, hiddenFromClients: true });
  const hiddenDocument = await make.create('api::document.document', {
    ...inA,
    title: C.hiddenDocument,
    hiddenFromClients: true,
  });
  const attachment = await make.create('api::document.document', {
    ...inA,
    title: C.attachment,
    task: hiddenTask.documentId,
  });
  const hiddenActivity = await make.create('api::activity.activity', {
    ...inA,
    verb: 'updated',
    subjectType: 'api::task.task',
    subjectId: hiddenTask.documentId,
    summary: C.hiddenActivity,
    hiddenFromClients: true,
  });
  const sharedBudget = await make.create('api::budget.budget', {
    ...inA,
    name: 'Shared',
    amountCents: 1000,
    clientAccess: true,
    hourlyRateCents: C.budgetRate,
  });
  const privateBudget = await make.create('api::budget.budget', { ...inA, name: C.privateBudget, amountCents: 1000 });
  const entry = (data: Record<string, unknown>) =>
    make.create('api::time-entry.time-entry', {
      ...inA,
      budget: sharedBudget.documentId,
      person: member.documentId,
      date: '2026-11-02',
      minutes: 30,
      billable: true,
      state: 'approved',
      rateCents: C.rate,
      costCents: C.cost,
      ...data,
    });
  const pendingEntry = await entry({ note: C.pendingEntry, state: 'pending' });
  const nonBillableEntry = await entry({ note: C.nonBillableEntry, billable: false });
  const hiddenTaskEntry = await entry({ note: C.hiddenTaskEntry, task: hiddenTask.documentId });
  const draftInvoice = await make.create('api::invoice.invoice', {
    company: acme.documentId,
    state: 'draft',
    number: C.draftInvoice,
  });
  const foreignInvoice = await make.create('api::invoice.invoice', {
    company: globex.documentId,
    state: 'issued',
    number: C.foreignInvoice,
  });

  return {
    canaries,
    groups: canaryGroups,
    acme,
    globex,
    member,
    client,
    clientPlus,
    foreignClient,
    project,
    foreignProject,
    internalProject,
    visibleTask,
    hiddenTask,
    trashedTask,
    foreignTask,
    ownComment,
    hiddenComment,
    hiddenDiscussion,
    hiddenDiscussionComment,
    hiddenNote,
    hiddenDocument,
    attachment,
    hiddenActivity,
    sharedBudget,
    privateBudget,
    pendingEntry,
    nonBillableEntry,
    hiddenTaskEntry,
    draftInvoice,
    foreignInvoice,
  };
};
