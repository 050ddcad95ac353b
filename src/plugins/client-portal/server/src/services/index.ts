import access from './access';
import budgets from './budgets';
import clock from './clock';
import invitations from './invitations';
import mailer from './mailer';
import people from './people';
import preview from './preview';
import roles from './roles';
import seats from './seats';
import settings from './settings';
import time from './time';
import timesheets from './timesheets';

export default {
  access,
  budgets,
  clock,
  invitations,
  mailer,
  people,
  preview,
  roles,
  seats,
  settings,
  time,
  timesheets,
};
