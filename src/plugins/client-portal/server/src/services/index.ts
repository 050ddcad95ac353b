import access from './access';
import accounts from './accounts';
import activity from './activity';
import budgets from './budgets';
import clock from './clock';
import collaboration from './collaboration';
import estimates from './estimates';
import files from './files';
import invitations from './invitations';
import invoicing from './invoicing';
import lifecycle from './lifecycle';
import mailer from './mailer';
import notifications from './notifications';
import openapi from './openapi';
import outbox from './outbox';
import people from './people';
import preferences from './preferences';
import preview from './preview';
import projectTemplates from './project-templates';
import rateLimit from './rate-limit';
import reports from './reports';
import roles from './roles';
import schedules from './schedules';
import seats from './seats';
import settings from './settings';
import staff from './staff';
import time from './time';
import timesheets from './timesheets';

export default {
  access,
  accounts,
  activity,
  budgets,
  clock,
  collaboration,
  estimates,
  files,
  invitations,
  invoicing,
  lifecycle,
  mailer,
  notifications,
  openapi,
  outbox,
  people,
  preferences,
  preview,
  projectTemplates,
  rateLimit,
  reports,
  roles,
  schedules,
  seats,
  settings,
  staff,
  time,
  timesheets,
};
