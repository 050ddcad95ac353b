import invitationSchema from './invitation/schema.json';
import mailSchema from './mail/schema.json';
import passwordResetSchema from './password-reset/schema.json';

export default {
  invitation: { schema: invitationSchema },
  mail: { schema: mailSchema },
  'password-reset': { schema: passwordResetSchema },
};
