import access from './access';
import budgets from './budgets';
import clock from './clock';
import invitations from './invitations';
import mailer from './mailer';
import people from './people';
import roles from './roles';
import seats from './seats';
import settings from './settings';

export default { access, budgets, clock, invitations, mailer, people, roles, seats, settings };
