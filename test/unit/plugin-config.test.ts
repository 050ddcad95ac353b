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
  ])('the validator refuses a bad %s with a message naming it', (_label, change, message) => {
    expect(() => pluginConfig.validator({ ...valid, ...change })).toThrow(message);
  });
});
