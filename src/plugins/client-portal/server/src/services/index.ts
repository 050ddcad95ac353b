import people from './people';
import roles from './roles';
import settings from './settings';

export default { people, roles, settings };
