import budgets from './budgets';
import invitations from './invitations';
import people from './people';
import seats from './seats';

export default { budgets, invitations, people, seats };
