/**
 * Bulk seeding for `npm run bench`: multi-row INSERTs through knex, straight into
 * Strapi 5's tables and link tables (every relation lives in a `*_lnk` table).
 * The document service would need hours for this volume; this takes well under the
 * 5 minutes allowed at full scale. Runs on the schema Strapi created on its first boot,
 * with the portal roles and the Owner already there.
 */
'use strict';

const crypto = require('crypto');

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A documentId like Strapi's (cuid2): 24 random lowercase alphanumerics, the first a letter.
 * Strapi takes a relation value that parseInt reads as a number for a row id: "07yh…" would
 * connect row 7 (an invoice generated for such a project was refused as "Invalid relations").
 */
const newDocumentId = () =>
  Array.from(crypto.randomBytes(24), (byte, index) => ALPHABET[byte % (index === 0 ? 26 : ALPHABET.length)]).join('');

/** The time entries and their link tables, which the row-index triggers read on every link insert. */
const ENTRY_TABLES = [
  'time_entries',
  'time_entries_project_lnk',
  'time_entries_task_lnk',
  'time_entries_budget_lnk',
  'time_entries_person_lnk',
];

/** The dataset for a scale factor: 1 is the full benchmark, e.g. 0.02 a quick smoke run. */
const planFor = (scale) => {
  const companies = Math.max(2, Math.round(50 * scale));
  return {
    companies,
    agencyMembers: Math.max(2, Math.round(20 * scale)),
    projectsPerCompany: 10,
    tasksPerProject: 100,
    entriesPerProject: 400,
    /** Every fifth task is hidden from clients: 20%. */
    hiddenEvery: 5,
    activitiesPerProject: 40,
    /**
     * The invoicing project: approved, billable, uninvoiced entries for invoice generation
     * (the target is about 10,000 entries, so this does not scale), on one budget shared
     * with the client, so the budget summary also reads a budget with many entries.
     */
    invoiceEntries: 10_000,
    invoiceTasks: 100,
  };
};

/**
 * Rows per INSERT. PostgreSQL allows 65535 bound parameters per statement; knex
 * compiles a multi-row insert for SQLite into a compound SELECT, limited to 500 terms.
 */
const chunkSize = (dialect, columns) => (dialect === 'sqlite' ? 500 : Math.min(5000, Math.floor(30000 / columns)));

/** Inserts rows in chunks; with `withIds`, returns their ids in row order (matched by document_id). */
const insertRows = async (db, dialect, table, rows, withIds = false) => {
  if (rows.length === 0) return [];
  const size = chunkSize(dialect, Object.keys(rows[0]).length);
  const idByDocument = new Map();
  for (let start = 0; start < rows.length; start += size) {
    const query = db(table).insert(rows.slice(start, start + size));
    if (!withIds) {
      await query;
      continue;
    }
    for (const row of await query.returning(['id', 'document_id'])) idByDocument.set(row.document_id, row.id);
  }
  return withIds ? rows.map((row) => idByDocument.get(row.document_id)) : [];
};

/** Gives out 1, 2, 3… per key: the `*_ord` position of a row within one side of a relation. */
const counter = () => {
  const next = new Map();
  return (key) => {
    const value = (next.get(key) ?? 0) + 1;
    next.set(key, value);
    return value;
  };
};

const dateOnly = (date) => date.toISOString().slice(0, 10);

/**
 * Seeds companies, people, projects, budgets, tasks (20% hidden from clients),
 * comments and time entries. Returns the counts and the documents the scenarios use.
 */
const seed = async (knex, { dialect, scale, log }) => {
  const plan = planFor(scale);
  const insert = (db, table, rows, withIds) => insertRows(db, dialect, table, rows, withIds);
  const now = new Date();
  const stamps = () => ({
    document_id: newDocumentId(),
    created_at: now,
    updated_at: now,
    published_at: now, // draft & publish is off: rows must be published to be read
    locale: null,
  });

  const roles = Object.fromEntries((await knex('up_roles').select('id', 'type')).map((role) => [role.type, role.id]));
  for (const type of ['owner', 'member', 'client']) {
    if (!roles[type]) throw new Error(`portal role "${type}" is missing: did the plugin bootstrap run?`);
  }
  const owner = await knex('up_users as u')
    .join('up_users_role_lnk as r', 'r.user_id', 'u.id')
    .where('r.role_id', roles.owner)
    .first('u.id', 'u.password');
  const agency = await knex('companies').where('is_agency', true).first('id');
  if (!owner || !agency) throw new Error('the Owner and the agency company must exist before seeding');

  const counts = {
    companies: 0,
    agencyMembers: 0,
    clientUsers: 0,
    projects: 0,
    budgets: 0,
    tasks: 0,
    hiddenTasks: 0,
    comments: 0,
    timeEntries: 0,
    activities: 0,
    invoiceEntries: 0,
  };
  const started = Date.now();
  const progress = (message) => log(`seed ${((Date.now() - started) / 1000).toFixed(1)} s: ${message}`);
  const userOrd = counter(); // position of a user in a relation's list, per relation owner
  const projectOrd = counter(); // position of a project in a user's or company's list

  // One password hash for everyone: the Owner's (hashing 100 passwords would only cost time).
  const person = (name, email, clientManager, canManageFinances = false) => ({
    ...stamps(),
    username: email,
    email,
    provider: 'local',
    password: owner.password,
    confirmed: true,
    blocked: false,
    first_name: name,
    last_name: 'Bench',
    language: 'en',
    can_manage_projects: false,
    can_manage_finances: canManageFinances,
    client_manager: clientManager,
  });
  const insertPeople = async (trx, rows, roleId, companyId) => {
    const ids = await insert(trx, 'up_users', rows, true);
    await insert(
      trx,
      'up_users_role_lnk',
      ids.map((id) => ({ user_id: id, role_id: roleId, user_ord: userOrd(`role:${roleId}`) }))
    );
    await insert(
      trx,
      'up_users_company_lnk',
      ids.map((id) => ({ user_id: id, company_id: companyId, user_ord: userOrd(`company:${companyId}`) }))
    );
    return ids;
  };

  // 1. Agency members, client companies and their people, projects and budgets (small: one transaction).
  const projects = []; // { id, documentId, memberId, managerId, budgets: [{ id, documentId, clientAccess }] }
  await knex.transaction(async (trx) => {
    // The first member is a Member+ F (may manage finances): the staff scenarios read as them too.
    const memberRows = Array.from({ length: plan.agencyMembers }, (_, i) =>
      person(`Member${i + 1}`, `member${i + 1}@bench.test`, false, i === 0)
    );
    const memberIds = await insertPeople(trx, memberRows, roles.member, agency.id);
    counts.agencyMembers = memberIds.length;

    const companyRows = Array.from({ length: plan.companies }, (_, i) => ({
      ...stamps(),
      name: `Client company ${i + 1}`,
      is_agency: false,
    }));
    const companyIds = await insert(trx, 'companies', companyRows, true);
    counts.companies = companyIds.length;

    // Each company: a Client Manager, and every other company also a plain Client.
    const peopleByCompany = [];
    for (const [i, companyId] of companyIds.entries()) {
      const rows = [person(`Manager${i + 1}`, `client${i + 1}-manager@bench.test`, true)];
      if (i % 2 === 0) rows.push(person(`Client${i + 1}`, `client${i + 1}-user@bench.test`, false));
      peopleByCompany.push(await insertPeople(trx, rows, roles.client, companyId));
      counts.clientUsers += rows.length;
    }

    const projectRows = [];
    const projectMeta = [];
    companyIds.forEach((companyId, c) => {
      for (let p = 0; p < plan.projectsPerCompany; p += 1) {
        projectRows.push({
          ...stamps(),
          name: `Project ${c + 1}.${p + 1}`,
          description: 'Benchmark project',
          state: 'active',
          currency: 'EUR',
          tracking_enabled: true,
          require_time_approval: false,
          clients_can_approve_time: false,
        });
        const memberId = memberIds[projectMeta.length % memberIds.length];
        projectMeta.push({ companyId, memberId, clients: peopleByCompany[c] });
      }
    });
    const projectIds = await insert(trx, 'projects', projectRows, true);
    counts.projects = projectIds.length;

    const companyLinks = [];
    const leaderLinks = [];
    const memberLinks = [];
    const budgetRows = [];
    const budgetProject = [];
    projectIds.forEach((projectId, i) => {
      const { companyId, memberId, clients } = projectMeta[i];
      companyLinks.push({
        project_id: projectId,
        company_id: companyId,
        project_ord: projectOrd(`company:${companyId}`),
      });
      leaderLinks.push({ project_id: projectId, user_id: memberId, project_ord: projectOrd(`leader:${memberId}`) });
      for (const userId of [memberId, ...clients]) {
        memberLinks.push({
          project_id: projectId,
          user_id: userId,
          user_ord: userOrd(`project:${projectId}`),
          project_ord: projectOrd(`member:${userId}`),
        });
      }
      // Each project: a budget shared with the client; every other project also an internal one.
      const budget = { kind: 'fixed', amount_cents: 5_000_000, currency: 'EUR', hourly_rate_cents: null };
      budgetRows.push({ ...stamps(), ...budget, name: 'Client budget', client_access: true });
      budgetProject.push(i);
      if (i % 2 === 0) {
        const internal = { kind: 'time-and-materials', hourly_rate_cents: 12_000, client_access: false };
        budgetRows.push({ ...stamps(), ...budget, ...internal, name: 'Internal budget' });
        budgetProject.push(i);
      }
      projects.push({
        id: projectId,
        documentId: projectRows[i].document_id,
        companyId,
        memberId,
        managerId: clients[0],
        budgets: [],
      });
    });
    await insert(trx, 'projects_company_lnk', companyLinks);
    await insert(trx, 'projects_leader_lnk', leaderLinks);
    await insert(trx, 'projects_members_lnk', memberLinks);

    const budgetIds = await insert(trx, 'budgets', budgetRows, true);
    counts.budgets = budgetIds.length;
    const budgetLinks = budgetIds.map((budgetId, b) => {
      const project = projects[budgetProject[b]];
      project.budgets.push({
        id: budgetId,
        documentId: budgetRows[b].document_id,
        clientAccess: budgetRows[b].client_access,
      });
      return { budget_id: budgetId, project_id: project.id, budget_ord: project.budgets.length };
    });
    await insert(trx, 'budgets_project_lnk', budgetLinks);
  });
  progress(
    `companies ${counts.companies}, agency members ${counts.agencyMembers}, client users ${counts.clientUsers}, ` +
      `projects ${counts.projects}, budgets ${counts.budgets}`
  );

  // 2. Tasks with their comments, 50 projects (5000 tasks) per transaction.
  const totalTasks = projects.length * plan.tasksPerProject;
  const taskIdsByProject = new Map();
  const PROJECTS_PER_TASK_BATCH = 50;
  for (let start = 0; start < projects.length; start += PROJECTS_PER_TASK_BATCH) {
    const batch = projects.slice(start, start + PROJECTS_PER_TASK_BATCH);
    await knex.transaction(async (trx) => {
      const taskRows = [];
      for (let p = 0; p < batch.length; p += 1) {
        for (let t = 0; t < plan.tasksPerProject; t += 1) {
          const hidden = t % plan.hiddenEvery === plan.hiddenEvery - 1;
          taskRows.push({
            ...stamps(),
            title: `Task ${start + p + 1}.${t + 1}`,
            description: 'Benchmark task',
            state: 'open',
            estimate_minutes: 30 + ((t * 37) % 480),
            hidden_from_clients: hidden,
            deleted_at: null,
          });
          if (hidden) counts.hiddenTasks += 1;
        }
      }
      const taskIds = await insert(trx, 'tasks', taskRows, true);

      const projectLinks = [];
      const assigneeLinks = [];
      const commentRows = [];
      const commentMeta = [];
      batch.forEach((project, p) => {
        const ids = taskIds.slice(p * plan.tasksPerProject, (p + 1) * plan.tasksPerProject);
        taskIdsByProject.set(project.id, ids);
        ids.forEach((taskId, t) => {
          projectLinks.push({ task_id: taskId, project_id: project.id, task_ord: t + 1 });
          assigneeLinks.push({ task_id: taskId, user_id: project.memberId, user_ord: 1 });
          // 0, 1 or 2 comments per task (one per task on average), by the member or the client.
          for (let k = 0; k < t % 3; k += 1) {
            commentRows.push({ ...stamps(), body: `Comment ${k + 1} on task ${t + 1}` });
            commentMeta.push({
              taskId,
              projectId: project.id,
              authorId: k === 0 ? project.memberId : project.managerId,
            });
          }
        });
      });
      await insert(trx, 'tasks_project_lnk', projectLinks);
      await insert(trx, 'tasks_assignees_lnk', assigneeLinks);

      const commentIds = await insert(trx, 'comments', commentRows, true);
      const taskOrd = counter();
      const projectCommentOrd = counter();
      const links = { task: [], project: [], author: [] };
      commentIds.forEach((commentId, c) => {
        const { taskId, projectId, authorId } = commentMeta[c];
        links.task.push({ comment_id: commentId, task_id: taskId, comment_ord: taskOrd(taskId) });
        links.project.push({ comment_id: commentId, project_id: projectId, comment_ord: projectCommentOrd(projectId) });
        links.author.push({ comment_id: commentId, user_id: authorId });
      });
      await insert(trx, 'comments_task_lnk', links.task);
      await insert(trx, 'comments_project_lnk', links.project);
      await insert(trx, 'comments_author_lnk', links.author);
      counts.tasks += taskIds.length;
      counts.comments += commentIds.length;
    });
    progress(`tasks ${counts.tasks}/${totalTasks} (comments ${counts.comments})`);
  }

  // 3. Time entries over each project's tasks and budgets, 20 projects (8000 entries) per transaction.
  const totalEntries = projects.length * plan.entriesPerProject;
  const PROJECTS_PER_ENTRY_BATCH = 20;
  const budgetEntryOrd = counter();
  const taskEntryOrd = counter();
  const rateCents = 9_000;
  for (let start = 0; start < projects.length; start += PROJECTS_PER_ENTRY_BATCH) {
    const batch = projects.slice(start, start + PROJECTS_PER_ENTRY_BATCH);
    await knex.transaction(async (trx) => {
      const rows = [];
      const meta = [];
      for (const project of batch) {
        const taskIds = taskIdsByProject.get(project.id);
        for (let j = 0; j < plan.entriesPerProject; j += 1) {
          const minutes = 15 + ((j * 53) % 466);
          const approved = j % 10 !== 9; // 10% still pending
          const date = new Date(now.getTime() - (j % 365) * 86_400_000);
          rows.push({
            ...stamps(),
            date: dateOnly(date),
            minutes,
            billable: j % 5 !== 4, // 80% billable
            note: `Work item ${j + 1}`,
            state: approved ? 'approved' : 'pending',
            approved_at: approved ? now : null,
            rate_cents: rateCents,
            cost_cents: Math.round((minutes * rateCents) / 60),
          });
          const budget = project.budgets[j % project.budgets.length];
          meta.push({ project, taskId: taskIds[j % taskIds.length], budgetId: budget.id, ord: j + 1 });
        }
      }
      const ids = await insert(trx, 'time_entries', rows, true);
      const links = { project: [], task: [], budget: [], person: [] };
      ids.forEach((id, e) => {
        const { project, taskId, budgetId, ord } = meta[e];
        links.project.push({ time_entry_id: id, project_id: project.id, time_entry_ord: ord });
        links.task.push({ time_entry_id: id, task_id: taskId, time_entry_ord: taskEntryOrd(taskId) });
        links.budget.push({ time_entry_id: id, budget_id: budgetId, time_entry_ord: budgetEntryOrd(budgetId) });
        links.person.push({ time_entry_id: id, user_id: project.memberId });
      });
      await insert(trx, 'time_entries_project_lnk', links.project);
      await insert(trx, 'time_entries_task_lnk', links.task);
      await insert(trx, 'time_entries_budget_lnk', links.budget);
      await insert(trx, 'time_entries_person_lnk', links.person);
      counts.timeEntries += ids.length;
    });
    // The row-index triggers plan their lookups once per session: fresh statistics keep those plans
    // on the indexes as the tables grow (without them a batch could take minutes instead of seconds).
    if (dialect === 'postgres') await knex.raw(`ANALYZE ${ENTRY_TABLES.join(', ')}`);
    progress(`time entries ${counts.timeEntries}/${totalEntries}`);
  }

  // 4. Each project's activity feed, newest first; every fifth item is about something hidden from clients.
  const VERBS = ['created', 'updated', 'commented', 'completed', 'approved'];
  const totalActivities = projects.length * plan.activitiesPerProject;
  const PROJECTS_PER_ACTIVITY_BATCH = 50;
  for (let start = 0; start < projects.length; start += PROJECTS_PER_ACTIVITY_BATCH) {
    const batch = projects.slice(start, start + PROJECTS_PER_ACTIVITY_BATCH);
    await knex.transaction(async (trx) => {
      const rows = [];
      const meta = [];
      for (const project of batch) {
        for (let a = 0; a < plan.activitiesPerProject; a += 1) {
          const at = new Date(now.getTime() - a * 3_600_000);
          rows.push({
            ...stamps(),
            created_at: at,
            updated_at: at,
            verb: VERBS[a % VERBS.length],
            subject_type: 'api::task.task',
            subject_id: newDocumentId(),
            summary: `Activity ${a + 1} on project ${project.id}`,
            hidden_from_clients: a % plan.hiddenEvery === plan.hiddenEvery - 1,
          });
          meta.push({ project, ord: a + 1, actorId: a % 2 === 0 ? project.memberId : project.managerId });
        }
      }
      const ids = await insert(trx, 'activities', rows, true);
      const projectLinks = ids.map((id, i) => ({
        activity_id: id,
        project_id: meta[i].project.id,
        activity_ord: meta[i].ord,
      }));
      await insert(trx, 'activities_project_lnk', projectLinks);
      await insert(
        trx,
        'activities_actor_lnk',
        ids.map((id, i) => ({ activity_id: id, user_id: meta[i].actorId }))
      );
      counts.activities += ids.length;
    });
    progress(`activities ${counts.activities}/${totalActivities}`);
  }
  const scaledMs = Date.now() - started;

  // 5. The invoicing project (fixed size): the first company's, led by the Member+ F, with one budget
  //    shared with the client and 10,000 approved, billable, uninvoiced entries of the Member+ F.
  const first = projects[0];
  const invoicing = { tasks: [], budget: null };
  await knex.transaction(async (trx) => {
    const projectRow = {
      ...stamps(),
      name: 'Invoicing project',
      description: 'Benchmark project with 10,000 billable entries',
      state: 'active',
      currency: 'EUR',
      tracking_enabled: true,
      require_time_approval: false,
      clients_can_approve_time: false,
    };
    const [projectId] = await insert(trx, 'projects', [projectRow], true);
    Object.assign(invoicing, { id: projectId, documentId: projectRow.document_id });
    await insert(trx, 'projects_company_lnk', [
      { project_id: projectId, company_id: first.companyId, project_ord: projectOrd(`company:${first.companyId}`) },
    ]);
    await insert(trx, 'projects_leader_lnk', [
      { project_id: projectId, user_id: first.memberId, project_ord: projectOrd(`leader:${first.memberId}`) },
    ]);
    await insert(
      trx,
      'projects_members_lnk',
      [first.memberId, first.managerId].map((userId) => ({
        project_id: projectId,
        user_id: userId,
        user_ord: userOrd(`project:${projectId}`),
        project_ord: projectOrd(`member:${userId}`),
      }))
    );
    const budgetRow = {
      ...stamps(),
      name: 'Invoicing budget',
      kind: 'time-and-materials',
      amount_cents: 500_000_000,
      currency: 'EUR',
      hourly_rate_cents: 9_000,
      client_access: true,
    };
    const [budgetId] = await insert(trx, 'budgets', [budgetRow], true);
    invoicing.budget = { id: budgetId, documentId: budgetRow.document_id };
    await insert(trx, 'budgets_project_lnk', [{ budget_id: budgetId, project_id: projectId, budget_ord: 1 }]);

    const taskRows = Array.from({ length: plan.invoiceTasks }, (_, t) => ({
      ...stamps(),
      title: `Invoicing task ${t + 1}`,
      description: 'Benchmark task',
      state: 'open',
      estimate_minutes: 60,
      hidden_from_clients: t % plan.hiddenEvery === plan.hiddenEvery - 1,
      deleted_at: null,
    }));
    const taskIds = await insert(trx, 'tasks', taskRows, true);
    await insert(
      trx,
      'tasks_project_lnk',
      taskIds.map((taskId, t) => ({ task_id: taskId, project_id: projectId, task_ord: t + 1 }))
    );
    await insert(
      trx,
      'tasks_assignees_lnk',
      taskIds.map((taskId) => ({ task_id: taskId, user_id: first.memberId, user_ord: 1 }))
    );
    counts.projects += 1;
    counts.budgets += 1;
    counts.tasks += taskIds.length;
    counts.hiddenTasks += taskRows.filter((row) => row.hidden_from_clients).length;

    const rateCents = 9_000;
    const rows = Array.from({ length: plan.invoiceEntries }, (_, j) => {
      const minutes = 15 + ((j * 53) % 466);
      return {
        ...stamps(),
        date: dateOnly(new Date(now.getTime() - (j % 365) * 86_400_000)),
        minutes,
        billable: true,
        note: `Billable work ${j + 1}`,
        state: 'approved',
        approved_at: now,
        rate_cents: rateCents,
        cost_cents: Math.round((minutes * rateCents) / 60),
      };
    });
    const ids = await insert(trx, 'time_entries', rows, true);
    const links = { project: [], task: [], budget: [], person: [] };
    ids.forEach((id, j) => {
      const taskId = taskIds[j % taskIds.length];
      links.project.push({ time_entry_id: id, project_id: projectId, time_entry_ord: j + 1 });
      links.task.push({ time_entry_id: id, task_id: taskId, time_entry_ord: taskEntryOrd(taskId) });
      links.budget.push({ time_entry_id: id, budget_id: budgetId, time_entry_ord: j + 1 });
      links.person.push({ time_entry_id: id, user_id: first.memberId });
    });
    await insert(trx, 'time_entries_project_lnk', links.project);
    await insert(trx, 'time_entries_task_lnk', links.task);
    await insert(trx, 'time_entries_budget_lnk', links.budget);
    await insert(trx, 'time_entries_person_lnk', links.person);
    counts.timeEntries += ids.length;
    counts.invoiceEntries = ids.length;
  });
  progress(`invoicing project: ${counts.invoiceEntries} approved billable entries`);

  // The client scenarios read as the first company's Client Manager, on its first project and shared
  // budget; the budget summary reads the invoicing project's budget (10,000 entries).
  return {
    counts,
    timings: { scaledMs, fixedMs: Date.now() - started - scaledMs },
    fixtures: {
      clientId: first.managerId,
      memberId: first.memberId,
      projectDocumentId: first.documentId,
      budgetDocumentId: first.budgets.find((budget) => budget.clientAccess).documentId,
      summaryBudgetDocumentId: invoicing.budget.documentId,
      invoiceProjectDocumentId: invoicing.documentId,
      timesheetPersonId: first.memberId,
    },
  };
};

module.exports = { seed, planFor };
