import crypto from 'crypto';
import {
  unsubscribeToken,
  verifyUnsubscribeToken,
  withUnsubscribe,
} from '../../src/plugins/client-portal/server/src/mail/unsubscribe';
import { mentionedAddresses } from '../../src/plugins/client-portal/server/src/services/notifications';
import { settingsOf } from '../../src/plugins/client-portal/server/src/services/preferences';
import { NOTIFICATION_TOPICS } from '../../src/plugins/client-portal/shared/contracts';

const secret = crypto.randomBytes(32);
const rotated = crypto.randomBytes(32);

describe('unsubscribe tokens', () => {
  it('name the person and topic they were signed for', () => {
    for (const topic of NOTIFICATION_TOPICS) {
      const token = unsubscribeToken(secret, { personId: 42, topic });
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      expect(verifyUnsubscribeToken([secret], token)).toEqual({ personId: 42, topic });
    }
  });

  it('do not work for another topic or person, nor tampered, nor under another secret', () => {
    const token = unsubscribeToken(secret, { personId: 42, topic: 'comment' });
    const [, signature] = token.split('.');
    const payload = (text: string) => Buffer.from(text).toString('base64url');
    expect(verifyUnsubscribeToken([secret], `${payload('42:mention')}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken([secret], `${payload('43:comment')}.${signature}`)).toBeNull();
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(verifyUnsubscribeToken([secret], `${token.split('.')[0]}.${flipped}`)).toBeNull();
    expect(verifyUnsubscribeToken([rotated], token)).toBeNull();
    for (const garbage of ['', '.', 'abc', `${token}.x`, `${token}x`, token.replace('.', '')]) {
      expect(verifyUnsubscribeToken([secret], garbage)).toBeNull();
    }
  });

  it('refuse a well-signed payload that names no topic or no person', () => {
    const forge = (text: string) => {
      const payload = Buffer.from(text).toString('base64url');
      const signature = crypto.createHmac('sha256', secret).update(payload).digest('base64url');
      return `${payload}.${signature}`;
    };
    expect(verifyUnsubscribeToken([secret], forge('42:newsletter'))).toBeNull();
    expect(verifyUnsubscribeToken([secret], forge('0:comment'))).toBeNull();
    expect(verifyUnsubscribeToken([secret], forge('x:comment'))).toBeNull();
    expect(verifyUnsubscribeToken([secret], forge('42:comment'))).toEqual({ personId: 42, topic: 'comment' });
  });

  it('still verify after a new key is put in front of the list', () => {
    const token = unsubscribeToken(secret, { personId: 7, topic: 'assigned' });
    expect(verifyUnsubscribeToken([rotated, secret], token)).toEqual({ personId: 7, topic: 'assigned' });
  });
});

describe('the unsubscribe footer', () => {
  it('adds the link to both bodies and the RFC 8058 headers, keeping other headers', () => {
    const url = 'https://portal.example/api/client-portal/unsubscribe?token=a.b';
    const mail = withUnsubscribe(
      { to: 'a@b.test', subject: 'S', text: 'Hello', html: '<p>Hello</p>', headers: { 'X-Other': '1' } },
      'mention',
      url
    );
    expect(mail.text).toContain(`Unsubscribe: ${url}`);
    expect(mail.text.startsWith('Hello')).toBe(true);
    expect(mail.html).toContain(`<a href="${url}">Unsubscribe</a>`);
    expect(mail.headers).toEqual({
      'X-Other': '1',
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});

describe('notification settings', () => {
  it('has every topic on unless stored as false', () => {
    const settings = settingsOf({ comment: false, mention: true, unknown: false, assigned: 'no' });
    expect(Object.keys(settings).sort()).toEqual([...NOTIFICATION_TOPICS].sort());
    expect(Object.entries(settings).filter(([, on]) => !on)).toEqual([['comment', false]]);
    expect(Object.values(settingsOf(null)).every(Boolean)).toBe(true);
    expect(Object.values(settingsOf('garbage')).every(Boolean)).toBe(true);
  });
});

describe('mentions', () => {
  it('are @ followed by an email address, lower-cased, once each', () => {
    expect(mentionedAddresses('@anna@acme.test please look, and @Bob.Smith@Acme.Test.')).toEqual([
      'anna@acme.test',
      'bob.smith@acme.test',
    ]);
    expect(mentionedAddresses('(@anna@acme.test) @anna@acme.test @ANNA@acme.test')).toEqual(['anna@acme.test']);
    expect(mentionedAddresses('@anna@acme.test, @carl+x@sub.acme.co.uk!')).toEqual([
      'anna@acme.test',
      'carl+x@sub.acme.co.uk',
    ]);
  });

  it('are not plain addresses, handles, or @ inside a word or an address', () => {
    expect(mentionedAddresses('mail anna@acme.test')).toEqual([]);
    expect(mentionedAddresses('@anna and @team')).toEqual([]);
    expect(mentionedAddresses('x@anna@acme.test')).toEqual([]);
    expect(mentionedAddresses('bob@x.test@anna@acme.test')).toEqual([]);
    expect(mentionedAddresses('')).toEqual([]);
  });

  it('are capped, so one comment cannot mail everyone', () => {
    const many = Array.from({ length: 50 }, (_, index) => `@p${index}@acme.test`).join(' ');
    expect(mentionedAddresses(many)).toHaveLength(20);
  });
});
