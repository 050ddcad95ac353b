/**
 * The admin panel's own customisation: offer German beside English (SPEC §9 "English and
 * German"); every admin picks the language in their profile.
 */
export default {
  config: {
    locales: ['de'],
  },
  bootstrap() {},
};
