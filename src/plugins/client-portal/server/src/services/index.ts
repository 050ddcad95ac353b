import access from './access';
import people from './people';
import roles from './roles';
import settings from './settings';

export default { access, people, roles, settings };
