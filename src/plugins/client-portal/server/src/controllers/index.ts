import invitations from './invitations';
import people from './people';
import seats from './seats';

export default { invitations, people, seats };
