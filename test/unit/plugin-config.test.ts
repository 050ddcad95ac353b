import pluginConfig, { parsePluginConfig } from '../../src/plugins/client-portal/server/src/config';

const valid = {
  publicUrl: 'https://portal.example.com',
  agencyName: 'Acme Studio',
  ownerEmail: 'Owner@Example.com',
  ownerPassword: 'long-enough',
  seatLimit: '12',
  currency: 'USD',
};

describe('client-portal config', () => {
  it('parses the environment strings into typed settings', () => {
    expect(parsePluginConfig(valid)).toEqual({
      publicUrl: 'https://portal.example.com',
      agencyName: 'Acme Studio',
      filesDir: '.tmp/private-files',
      ownerEmail: 'owner@example.com',
      ownerPassword: 'long-enough',
      seatLimit: 12,
      currency: 'USD',
      rulesOff: false,
      mailRetrySeconds: 30,
      mailMaxAttempts: 10,
      mailLeaseSeconds: 300,
      shutdownSeconds: 25,
      redisUrl: '',
      jobsCron: '*/10 * * * *',
    });
  });

  it('reads the outbox settings and REDIS_URL from their strings', () => {
    const parsed = parsePluginConfig({
      ...valid,
      mailRetrySeconds: '2',
      mailMaxAttempts: '3',
      mailLeaseSeconds: ' 60 ',
      redisUrl: 'redis://127.0.0.1:6379/2',
    });
    expect(parsed).toMatchObject({
      mailRetrySeconds: 2,
      mailMaxAttempts: 3,
      mailLeaseSeconds: 60,
      redisUrl: 'redis://127.0.0.1:6379/2',
    });
  });

  it('refuses to switch the rules off in production', () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => parsePluginConfig({ ...valid, rulesOff: true })).toThrow('PORTAL_RULES_OFF');
    } finally {
      process.env.NODE_ENV = previous;
    }
    expect(parsePluginConfig({ ...valid, rulesOff: true }).rulesOff).toBe(true);
  });

  it('treats an empty seat limit as unlimited', () => {
    expect(parsePluginConfig({ ...valid, seatLimit: '' }).seatLimit).toBeNull();
  });

  it('reads the scheduled job rule: a cron rule of 5 or 6 fields, "off", or the default', () => {
    expect(parsePluginConfig({ ...valid, jobsCron: '' }).jobsCron).toBe('*/10 * * * *');
    expect(parsePluginConfig({ ...valid, jobsCron: ' 0 * * * * ' }).jobsCron).toBe('0 * * * *');
    expect(parsePluginConfig({ ...valid, jobsCron: '*/30 * * * * *' }).jobsCron).toBe('*/30 * * * * *');
    expect(parsePluginConfig({ ...valid, jobsCron: 'off' }).jobsCron).toBe('off');
    expect(() => parsePluginConfig({ ...valid, jobsCron: 'hourly' })).toThrow('PORTAL_JOBS_CRON');
  });

  it('allows no first Owner at all', () => {
    expect(parsePluginConfig({ ...valid, ownerEmail: '', ownerPassword: '' }).ownerEmail).toBe('');
  });

  it.each([
    ['seatLimit', { seatLimit: 'ten' }, 'seatLimit'],
    ['negative seatLimit', { seatLimit: '-1' }, 'PORTAL_SEAT_LIMIT must be 0 or more'],
    ['fractional seatLimit', { seatLimit: '2.5' }, 'PORTAL_SEAT_LIMIT must be a whole number'],
    ['currency', { currency: 'euro' }, 'PORTAL_CURRENCY'],
    ['publicUrl', { publicUrl: 'not a url' }, 'PUBLIC_URL'],
    ['ownerEmail', { ownerEmail: 'nobody' }, 'PORTAL_OWNER_EMAIL'],
    ['ownerPassword', { ownerPassword: 'short' }, 'PORTAL_OWNER_PASSWORD'],
    ['agencyName', { agencyName: '  ' }, 'PORTAL_AGENCY_NAME'],
    ['mailRetrySeconds', { mailRetrySeconds: 'soon' }, 'PORTAL_MAIL_RETRY_SECONDS must be a whole number'],
    ['mailMaxAttempts', { mailMaxAttempts: '0' }, 'PORTAL_MAIL_MAX_ATTEMPTS must be 1 or more'],
    ['mailLeaseSeconds', { mailLeaseSeconds: '1' }, 'PORTAL_MAIL_LEASE_SECONDS must be 5 or more'],
    ['redisUrl', { redisUrl: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
  ])('the validator refuses a bad %s with a message naming it', (_label, change, message) => {
    expect(() => pluginConfig.validator({ ...valid, ...change })).toThrow(message);
  });
});
