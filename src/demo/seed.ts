import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core, UID } from '@strapi/strapi';
import type { PortalRoleType } from '../plugins/client-portal/shared/contracts';

/**
 * The demo agency (`npm run demo`): every role, two client companies, visible and
 * hidden items, budgets with and without client access, pending and approved
 * time, expenses and one issued invoice; an estimate Acme accepted and that became a project,
 * a project template, a team, budget services and a recurring retainer invoice. Idempotent: it runs in one transaction
 * and does nothing once the demo data exists.
 */

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_ADMIN = { email: 'admin@demo.test', password: 'Demo-admin-2026' };

export interface DemoLogin {
  label: string;
  email: string;
  role: PortalRoleType;
}

export interface DemoResult {
  seeded: boolean;
  logins: DemoLogin[];
}

type Progress = (step: number, total: number, message: string) => void;

interface Row {
  id: number;
  documentId: string;
}

interface PersonSpec {
  key: string;
  label: string;
  role: Exclude<PortalRoleType, 'owner'>;
  firstName: string;
  lastName: string;
  title: string;
  company: 'agency' | 'acme' | 'globex';
  canManageProjects?: boolean;
  canManageFinances?: boolean;
  clientManager?: boolean;
  hourlyRateCents?: number;
  costRateCents?: number;
}

const PEOPLE: PersonSpec[] = [
  {
    key: 'mia',
    label: 'Member',
    role: 'member',
    firstName: 'Mia',
    lastName: 'Meyer',
    title: 'Designer',
    company: 'agency',
    hourlyRateCents: 9000,
    costRateCents: 4500,
  },
  {
    key: 'paul',
    label: 'Member+ (projects, people, reports)',
    role: 'member',
    firstName: 'Paul',
    lastName: 'Park',
    title: 'Project manager',
    company: 'agency',
    canManageProjects: true,
    hourlyRateCents: 11000,
    costRateCents: 5500,
  },
  {
    key: 'fiona',
    label: 'Member+ (time and finances)',
    role: 'member',
    firstName: 'Fiona',
    lastName: 'Fischer',
    title: 'Finance lead',
    company: 'agency',
    canManageFinances: true,
    hourlyRateCents: 10000,
    costRateCents: 6000,
  },
  {
    key: 'acme-client',
    label: 'Acme Client',
    role: 'client',
    firstName: 'Carl',
    lastName: 'Acme',
    title: 'Marketing',
    company: 'acme',
  },
  {
    key: 'acme-plus',
    label: 'Acme Client+',
    role: 'client-plus',
    firstName: 'Cleo',
    lastName: 'Acme',
    title: 'Product owner',
    company: 'acme',
  },
  {
    key: 'acme-manager',
    label: 'Acme Client Manager',
    role: 'client',
    firstName: 'Cora',
    lastName: 'Acme',
    title: 'Head of digital',
    company: 'acme',
    clientManager: true,
  },
  {
    key: 'globex-client',
    label: 'Globex Client',
    role: 'client',
    firstName: 'Gus',
    lastName: 'Globex',
    title: 'Editor',
    company: 'globex',
  },
  {
    key: 'globex-plus',
    label: 'Globex Client+',
    role: 'client-plus',
    firstName: 'Gina',
    lastName: 'Globex',
    title: 'Developer',
    company: 'globex',
  },
  {
    key: 'globex-manager',
    label: 'Globex Client Manager',
    role: 'client',
    firstName: 'Gloria',
    lastName: 'Globex',
    title: 'CTO',
    company: 'globex',
    clientManager: true,
  },
];

const emailOf = (key: string) => `${key}@demo.test`;

export const DEMO_MARKER_EMAIL = emailOf('mia');

const STEPS = 10;

export const seedDemo = async (
  strapi: Core.Strapi,
  options: { ownerEmail: string; progress?: Progress }
): Promise<DemoResult> => {
  const progress: Progress = options.progress ?? (() => undefined);
  const logins: DemoLogin[] = [
    { label: 'Owner', email: options.ownerEmail, role: 'owner' },
    ...PEOPLE.map((person) => ({ label: person.label, email: emailOf(person.key), role: person.role })),
  ];

  const existing = await strapi.db
    .query('plugin::users-permissions.user')
    .count({ where: { email: DEMO_MARKER_EMAIL } });
  if (existing > 0) {
    progress(STEPS, STEPS, 'demo data already present, nothing to do');
    return { seeded: false, logins };
  }

  await strapi.db.transaction(async () => {
    const create = async (uid: UID.ContentType, data: Record<string, unknown>): Promise<Row> =>
      (await strapi.documents(uid).create({ data } as never)) as unknown as Row;
    /** A document whose file is stored like an upload: privately, served only by the checked download. */
    const documentWithFile = async (data: Record<string, unknown>, fileName: string): Promise<Row> => {
      const document = await create('api::document.document', data);
      const content = `%PDF-1.4\n% ${data.title} (demo file)\n%%EOF\n`;
      const filepath = path.join(os.tmpdir(), `portal-demo-${crypto.randomBytes(6).toString('hex')}.pdf`);
      fs.writeFileSync(filepath, content);
      try {
        const [file] = (await strapi
          .plugin('upload')
          .service('upload')
          .upload({
            data: { fileInfo: { name: fileName } },
            files: { filepath, originalFilename: fileName, mimetype: 'application/pdf', size: content.length },
          })) as Row[];
        await strapi.db.query('api::document.document').update({ where: { id: document.id }, data: { file: file.id } });
      } finally {
        fs.rmSync(filepath, { force: true });
      }
      return document;
    };
    const roleId = async (type: PortalRoleType): Promise<number> =>
      ((await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } })) as Row).id;

    progress(1, STEPS, 'companies');
    const agency = (await strapi.db.query('api::company.company').findOne({ where: { isAgency: true } })) as Row | null;
    if (!agency) throw new Error('The agency company is missing: set PORTAL_OWNER_EMAIL and PORTAL_OWNER_PASSWORD');
    const companies: Record<PersonSpec['company'], Row> = {
      agency,
      acme: await create('api::company.company', {
        name: 'Acme Corp',
        billingEmail: 'billing@acme.demo.test',
        address: '1 Road Runner Way, Springfield',
      }),
      globex: await create('api::company.company', {
        name: 'Globex Inc',
        billingEmail: 'accounts@globex.demo.test',
        address: '99 Cypress Creek, Springfield',
      }),
    };

    progress(2, STEPS, `people (${PEOPLE.length})`);
    const owner = (await strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: options.ownerEmail } })) as Row | null;
    if (!owner) throw new Error(`The Owner ${options.ownerEmail} is missing`);
    const people: Record<string, Row> = { owner };
    for (const spec of PEOPLE) {
      people[spec.key] = (await strapi
        .plugin('users-permissions')
        .service('user')
        .add({
          username: emailOf(spec.key),
          email: emailOf(spec.key),
          password: DEMO_PASSWORD,
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: await roleId(spec.role),
          company: companies[spec.company].documentId,
          firstName: spec.firstName,
          lastName: spec.lastName,
          title: spec.title,
          language: 'en',
          canManageProjects: spec.canManageProjects ?? false,
          canManageFinances: spec.canManageFinances ?? false,
          clientManager: spec.clientManager ?? false,
          hourlyRateCents: spec.hourlyRateCents,
          costRateCents: spec.costRateCents,
        })) as Row;
    }
    await strapi.db.query('plugin::users-permissions.user').update({
      where: { id: owner.id },
      data: { firstName: 'Olivia', lastName: 'Owner', title: 'Founder', hourlyRateCents: 15000, costRateCents: 8000 },
    });
    const ids = (...keys: string[]) => keys.map((key) => people[key].documentId);

    progress(3, STEPS, 'projects');
    const acmeWebsite = await create('api::project.project', {
      name: 'Acme website redesign',
      description: 'New marketing site with a headless CMS.',
      company: companies.acme.documentId,
      leader: people.paul.documentId,
      members: ids('paul', 'mia', 'fiona', 'acme-client', 'acme-plus', 'acme-manager'),
      requireTimeApproval: true,
      clientsCanApproveTime: true,
      currency: 'EUR',
    });
    const globexApp = await create('api::project.project', {
      name: 'Globex mobile app',
      description: 'iOS and Android app for field technicians.',
      company: companies.globex.documentId,
      leader: people.mia.documentId,
      members: ids('mia', 'paul', 'globex-client', 'globex-plus', 'globex-manager'),
      currency: 'EUR',
    });
    const acmeInternal = await create('api::project.project', {
      name: 'Acme pitch (internal)',
      description: 'Agency-only preparation for the next Acme pitch.',
      company: companies.acme.documentId,
      leader: people.owner.documentId,
      members: ids('owner', 'paul'),
    });

    progress(4, STEPS, 'tasks, discussions, notes and documents');
    const tasks = {
      wireframes: await create('api::task.task', {
        project: acmeWebsite.documentId,
        title: 'Wireframes for the home page',
        state: 'completed',
        completedAt: new Date('2026-11-05T16:00:00Z'),
        estimateMinutes: 480,
        assignees: ids('mia'),
        author: people.paul.documentId,
      }),
      cms: await create('api::task.task', {
        project: acmeWebsite.documentId,
        title: 'Set up the CMS content model',
        estimateMinutes: 600,
        dueOn: '2026-12-10',
        assignees: ids('mia', 'acme-plus'),
        author: people.paul.documentId,
      }),
      margin: await create('api::task.task', {
        project: acmeWebsite.documentId,
        title: 'Internal: rework estimate to protect margin',
        hiddenFromClients: true,
        estimateMinutes: 60,
        assignees: ids('fiona'),
        author: people.fiona.documentId,
      }),
      login: await create('api::task.task', {
        project: globexApp.documentId,
        title: 'Technician login screen',
        estimateMinutes: 720,
        dueOn: '2026-12-01',
        assignees: ids('mia'),
        author: people.mia.documentId,
      }),
      spike: await create('api::task.task', {
        project: globexApp.documentId,
        title: 'Internal: spike on offline sync risks',
        hiddenFromClients: true,
        author: people.mia.documentId,
      }),
      deck: await create('api::task.task', {
        project: acmeInternal.documentId,
        title: 'Pitch deck outline',
        author: people.owner.documentId,
      }),
    };
    const kickoff = await create('api::discussion.discussion', {
      project: acmeWebsite.documentId,
      title: 'Kick-off questions',
      body: 'Which pages matter most to you?',
      author: people.paul.documentId,
    });
    const slowFeedback = await create('api::discussion.discussion', {
      project: acmeWebsite.documentId,
      title: 'Internal: client is slow to give feedback',
      body: 'Agency only.',
      hiddenFromClients: true,
      author: people.mia.documentId,
    });
    const releasePlan = await create('api::discussion.discussion', {
      project: globexApp.documentId,
      title: 'Release plan',
      body: 'Beta in December.',
      author: people.mia.documentId,
    });
    const brandNote = await create('api::note.note', {
      project: acmeWebsite.documentId,
      title: 'Brand guidelines summary',
      body: 'Colours, type, tone of voice.',
      author: people.mia.documentId,
    });
    const pricingNote = await create('api::note.note', {
      project: acmeWebsite.documentId,
      title: 'Internal: pricing notes',
      body: 'Discount headroom 10 %.',
      hiddenFromClients: true,
      author: people.owner.documentId,
    });
    await create('api::note.note', {
      project: globexApp.documentId,
      title: 'Device list',
      body: 'iPhone 13+, Pixel 7+.',
      author: people['globex-plus'].documentId,
    });
    const documents = {
      sow: await documentWithFile(
        { project: acmeWebsite.documentId, title: 'Signed statement of work', author: people.paul.documentId },
        'statement-of-work.pdf'
      ),
      cost: await documentWithFile(
        {
          project: acmeWebsite.documentId,
          title: 'Internal: cost calculation',
          hiddenFromClients: true,
          author: people.fiona.documentId,
        },
        'cost-calculation.pdf'
      ),
      screenshots: await documentWithFile(
        {
          project: globexApp.documentId,
          title: 'App store screenshots',
          task: tasks.login.documentId,
          author: people.mia.documentId,
        },
        'screenshots.pdf'
      ),
    };

    progress(5, STEPS, 'comments');
    const approvedComment = await create('api::comment.comment', {
      project: acmeWebsite.documentId,
      task: tasks.wireframes.documentId,
      body: 'Approved, thanks!',
      author: people['acme-manager'].documentId,
    });
    const kickoffAnswer = await create('api::comment.comment', {
      project: acmeWebsite.documentId,
      discussion: kickoff.documentId,
      body: 'Home, products and contact.',
      author: people['acme-client'].documentId,
    });
    const kickoffFollowUp = await create('api::comment.comment', {
      project: acmeWebsite.documentId,
      discussion: kickoff.documentId,
      body: 'Great, we will start with the home page.',
      author: people.paul.documentId,
    });
    const marginComment = await create('api::comment.comment', {
      project: acmeWebsite.documentId,
      task: tasks.margin.documentId,
      body: 'Keep this away from the client.',
      author: people.owner.documentId,
    });

    progress(6, STEPS, 'budgets');
    const budgets = {
      acmeDesign: await create('api::budget.budget', {
        project: acmeWebsite.documentId,
        name: 'Design phase',
        kind: 'fixed',
        amountCents: 1_200_000,
        currency: 'EUR',
        startsOn: '2026-10-01',
        endsOn: '2026-12-31',
        clientAccess: true,
      }),
      acmeBuild: await create('api::budget.budget', {
        project: acmeWebsite.documentId,
        name: 'Build phase',
        kind: 'time-and-materials',
        amountCents: 3_000_000,
        currency: 'EUR',
        clientAccess: false,
        hourlyRateCents: 9500,
      }),
      globexRetainer: await create('api::budget.budget', {
        project: globexApp.documentId,
        name: 'Monthly retainer',
        kind: 'retainer',
        amountCents: 800_000,
        currency: 'EUR',
        clientAccess: true,
      }),
    };

    progress(7, STEPS, 'time entries and expenses');
    const rates: Record<string, { hourlyRateCents: number; costRateCents: number }> = {
      owner: { hourlyRateCents: 15000, costRateCents: 8000 },
      ...Object.fromEntries(
        PEOPLE.filter((spec) => spec.hourlyRateCents).map((spec) => [
          spec.key,
          { hourlyRateCents: spec.hourlyRateCents!, costRateCents: spec.costRateCents! },
        ])
      ),
    };
    const entry = (
      person: string,
      project: Row,
      budget: Row,
      task: Row | null,
      date: string,
      minutes: number,
      state: 'approved' | 'pending',
      extra: Record<string, unknown> = {}
    ) => {
      const override = budget === budgets.acmeBuild ? 9500 : undefined;
      return create('api::time-entry.time-entry', {
        person: people[person].documentId,
        project: project.documentId,
        budget: budget.documentId,
        task: task?.documentId,
        date,
        minutes,
        state,
        billable: true,
        rateCents: override ?? rates[person].hourlyRateCents,
        costCents: Math.round((rates[person].costRateCents * minutes) / 60),
        ...(state === 'approved'
          ? { approvedBy: people.paul.documentId, approvedAt: new Date(`${date}T18:00:00Z`) }
          : {}),
        ...extra,
      });
    };
    const invoiced = [
      await entry('mia', acmeWebsite, budgets.acmeDesign, tasks.wireframes, '2026-11-03', 240, 'approved', {
        note: 'Home page wireframes',
      }),
      await entry('mia', acmeWebsite, budgets.acmeDesign, tasks.wireframes, '2026-11-04', 180, 'approved', {
        note: 'Revisions after feedback',
      }),
    ];
    await entry('paul', acmeWebsite, budgets.acmeDesign, null, '2026-11-05', 60, 'approved', {
      note: 'Workshop with Acme',
    });
    await entry('fiona', acmeWebsite, budgets.acmeDesign, tasks.margin, '2026-11-06', 45, 'approved', {
      note: 'Margin review (hidden task)',
    });
    await entry('mia', acmeWebsite, budgets.acmeBuild, tasks.cms, '2026-11-10', 300, 'pending', {
      note: 'CMS content types',
    });
    // Waiting for approval: Paul (the leader) or Cora (Client Manager, clientsCanApproveTime) may approve it.
    await entry('mia', acmeWebsite, budgets.acmeDesign, tasks.wireframes, '2026-11-18', 90, 'pending', {
      note: 'Style guide',
    });
    await entry('mia', acmeWebsite, budgets.acmeDesign, tasks.cms, '2026-11-11', 30, 'approved', {
      note: 'Internal sync',
      billable: false,
    });
    await entry('mia', globexApp, budgets.globexRetainer, tasks.login, '2026-11-12', 360, 'approved', {
      note: 'Login screen UI',
    });
    await entry('paul', globexApp, budgets.globexRetainer, tasks.spike, '2026-11-13', 120, 'approved', {
      note: 'Offline sync spike (hidden task)',
    });
    await create('api::expense.expense', {
      project: acmeWebsite.documentId,
      budget: budgets.acmeDesign.documentId,
      person: people.mia.documentId,
      date: '2026-11-04',
      description: 'Stock photography licence',
      amountCents: 12900,
      currency: 'EUR',
      billable: true,
      state: 'approved',
      approvedBy: people.paul.documentId,
      approvedAt: new Date('2026-11-04T18:00:00Z'),
    });
    await create('api::expense.expense', {
      project: globexApp.documentId,
      budget: budgets.globexRetainer.documentId,
      person: people.mia.documentId,
      date: '2026-11-12',
      description: 'Test device rental',
      amountCents: 4500,
      currency: 'EUR',
      billable: true,
      state: 'pending',
    });

    progress(8, STEPS, 'invoice');
    const lineAmount = Math.round((rates.mia.hourlyRateCents * 420) / 60);
    const invoice = await create('api::invoice.invoice', {
      number: 'INV-2026-0001',
      company: companies.acme.documentId,
      project: acmeWebsite.documentId,
      state: 'issued',
      issuedOn: '2026-11-07',
      dueOn: '2026-11-21',
      currency: 'EUR',
      lines: [
        {
          description: 'Wireframes for the home page',
          quantity: 7,
          unit: 'hour',
          unitPriceCents: rates.mia.hourlyRateCents,
          amountCents: lineAmount,
        },
      ],
      subtotalCents: lineAmount,
      taxRateBasisPoints: 1900,
      taxCents: Math.round((lineAmount * 1900) / 10000),
      totalCents: lineAmount + Math.round((lineAmount * 1900) / 10000),
    });
    for (const row of invoiced) {
      await strapi
        .documents('api::time-entry.time-entry')
        .update({ documentId: row.documentId, data: { invoice: invoice.documentId } } as never);
    }

    progress(9, STEPS, 'activity');
    // The feed as the server writes it on every change, each row flagged for clients by the same rule.
    const feed = strapi.plugin('client-portal').service('activity') as {
      record(
        actor: { id: number } | null,
        uid: string,
        verb: string,
        row: Row,
        projectId: number | null
      ): Promise<void>;
    };
    const projectIds = { acme: acmeWebsite.id, globex: globexApp.id };
    const events: [string, 'acme' | 'globex', string, string, Row][] = [
      ['paul', 'acme', 'created', 'api::task.task', tasks.wireframes],
      ['paul', 'acme', 'created', 'api::task.task', tasks.cms],
      ['fiona', 'acme', 'created', 'api::task.task', tasks.margin],
      ['paul', 'acme', 'created', 'api::discussion.discussion', kickoff],
      ['acme-client', 'acme', 'commented', 'api::comment.comment', kickoffAnswer],
      ['paul', 'acme', 'commented', 'api::comment.comment', kickoffFollowUp],
      ['mia', 'acme', 'created', 'api::discussion.discussion', slowFeedback],
      ['mia', 'acme', 'created', 'api::note.note', brandNote],
      ['owner', 'acme', 'created', 'api::note.note', pricingNote],
      ['paul', 'acme', 'created', 'api::document.document', documents.sow],
      ['fiona', 'acme', 'created', 'api::document.document', documents.cost],
      ['mia', 'acme', 'completed', 'api::task.task', tasks.wireframes],
      ['acme-manager', 'acme', 'commented', 'api::comment.comment', approvedComment],
      ['owner', 'acme', 'commented', 'api::comment.comment', marginComment],
      ['mia', 'globex', 'created', 'api::task.task', tasks.login],
      ['mia', 'globex', 'created', 'api::task.task', tasks.spike],
      ['mia', 'globex', 'created', 'api::discussion.discussion', releasePlan],
      ['mia', 'globex', 'created', 'api::document.document', documents.screenshots],
    ];
    for (const [actor, project, verb, uid, subject] of events) {
      const row = (await strapi.db.query(uid as never).findOne({ where: { id: subject.id } })) as Row;
      await feed.record({ id: people[actor].id }, uid, verb, row, projectIds[project]);
    }

    progress(10, STEPS, 'estimates, templates, teams, budget services, recurring invoices');
    await create('api::project-template.project-template', {
      name: 'Website launch',
      description: 'What every website project starts with.',
      tasks: [
        { title: 'Kick-off workshop', estimateMinutes: 120, dueAfterDays: 3, hiddenFromClients: false },
        { title: 'Content inventory', estimateMinutes: 240, dueAfterDays: 10, hiddenFromClients: false },
        { title: 'Internal QA checklist', estimateMinutes: 90, dueAfterDays: 25, hiddenFromClients: true },
      ],
      budgets: [{ name: 'Launch support', kind: 'time-and-materials', amountCents: 300_000, clientAccess: false }],
      discussions: [{ title: 'Launch questions', body: 'Ask us anything about the launch here.' }],
    });
    await create('api::team.team', { name: 'Design team', members: ids('mia', 'paul') });
    for (const [position, service] of [
      ['Frontend', 9500],
      ['Backend', 11000],
    ].entries()) {
      await create('api::budget-service.budget-service', {
        budget: budgets.acmeBuild.documentId,
        name: service[0],
        hourlyRateCents: service[1],
        position,
      });
    }
    // Accepted by Acme's Client Manager and converted: the project, its tasks from the template and
    // a fixed budget of the estimate's total (what POST /api/estimates/:documentId/convert makes).
    const estimateLines = [
      { description: 'Discovery workshops', quantity: 3, unit: 'day', unitPriceCents: 120_000 },
      { description: 'Clickable prototype', quantity: 1, unit: 'item', unitPriceCents: 450_000 },
    ];
    const estimate = await create('api::estimate.estimate', {
      company: companies.acme.documentId,
      title: 'Acme customer portal discovery',
      lines: estimateLines,
      currency: 'EUR',
      taxRateBasisPoints: 1900,
      validUntil: '2026-12-31',
      note: 'Fixed price; travel included.',
    });
    const stored = (await strapi.db.query('api::estimate.estimate').findOne({ where: { id: estimate.id } })) as {
      totalCents: number;
    };
    const discovery = await create('api::project.project', {
      name: 'Acme customer portal discovery',
      company: companies.acme.documentId,
      leader: people.paul.documentId,
      members: ids('paul', 'fiona', 'acme-manager'),
      currency: 'EUR',
    });
    for (const task of ['Kick-off workshop', 'Content inventory', 'Internal QA checklist']) {
      await create('api::task.task', {
        project: discovery.documentId,
        title: task,
        hiddenFromClients: task.startsWith('Internal'),
        dueOn: '2026-11-20',
      });
    }
    await create('api::budget.budget', {
      project: discovery.documentId,
      name: 'Estimate EST-2026-0001',
      kind: 'fixed',
      amountCents: stored.totalCents,
      currency: 'EUR',
      startsOn: '2026-11-17',
      clientAccess: true,
    });
    await strapi.db.query('api::estimate.estimate').update({
      where: { id: estimate.id },
      data: {
        number: 'EST-2026-0001',
        state: 'accepted',
        sentAt: new Date('2026-11-10T09:00:00Z'),
        acceptedAt: new Date('2026-11-16T15:30:00Z'),
        acceptedBy: people['acme-manager'].id,
        project: discovery.id,
      },
    });
    await create('api::recurring-invoice.recurring-invoice', {
      name: 'Globex support retainer',
      company: companies.globex.documentId,
      project: globexApp.documentId,
      budget: budgets.globexRetainer.documentId,
      lines: [{ description: 'Monthly support retainer', quantity: 1, unit: 'item', unitPriceCents: 800_000 }],
      currency: 'EUR',
      taxRateBasisPoints: 1900,
      interval: 'month',
      nextOn: '2027-01-01',
      autoIssue: false,
    });
  });

  return { seeded: true, logins };
};

/** A super admin for the admin panel, created once. */
export const ensureDemoAdmin = async (strapi: Core.Strapi): Promise<boolean> => {
  const existing = await strapi.db.query('admin::user').count({ where: { email: DEMO_ADMIN.email } });
  if (existing > 0) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: DEMO_ADMIN.email,
    firstname: 'Demo',
    lastname: 'Admin',
    password: DEMO_ADMIN.password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  return true;
};
