import invitationSchema from './invitation/schema.json';
import passwordResetSchema from './password-reset/schema.json';

export default {
  invitation: { schema: invitationSchema },
  'password-reset': { schema: passwordResetSchema },
};
