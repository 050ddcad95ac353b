import invitationSchema from './invitation/schema.json';

export default {
  invitation: { schema: invitationSchema },
};
