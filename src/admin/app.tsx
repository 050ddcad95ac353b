/**
 * The admin panel's own customisation: offer German beside English (docs/admin-panel.md: "English and
 * German"); every admin picks the language in their profile.
 */
export default {
  config: {
    locales: ['de'],
  },
  bootstrap() {},
};
