/** The time the plugin's rules use (invitation expiry); tests move it to check expiry. */
const clock = () => ({
  now(): Date {
    return new Date();
  },
});

export default clock;
