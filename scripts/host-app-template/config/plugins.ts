// The entry the plugin's README asks a host application to add. Its options are left to their
// defaults and to the TICKETING_* environment variables, which the plugin reads itself.
export default ({ env }) => ({
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
  ticketing: {
    enabled: true,
  },
});
