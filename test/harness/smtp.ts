import type { AddressInfo } from 'net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export interface TestSmtp {
  port: number;
  messages: ParsedMail[];
  /** Makes the server refuse every message (failure injection). */
  failing: boolean;
  /** Makes the server take messages in and never answer (a sender that dies meanwhile never hears back). */
  holding: boolean;
  /** Messages taken in while holding (never answered, never kept). */
  held: number;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** The first message received for this recipient (waits for it). */
  mailTo(address: string, timeoutMs?: number): Promise<ParsedMail>;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `port`: listen on this one (a server that comes back after being down); a free one otherwise. */
export const startSmtp = async (port = 0): Promise<TestSmtp> => {
  const messages: ParsedMail[] = [];
  const state = { failing: false, holding: false, held: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (state.holding) {
        stream.resume();
        stream.on('end', () => (state.held += 1));
        return;
      }
      if (state.failing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.server.address() as AddressInfo).port;

  return {
    port: listening,
    messages,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    get holding() {
      return state.holding;
    },
    set holding(value: boolean) {
      state.holding = value;
    },
    get held() {
      return state.held;
    },
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(listening),
      SMTP_SECURE: 'false',
      MAIL_FROM: 'portal@agency.test',
    },
    async waitFor(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} emails, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return messages.slice(0, count);
    },
    async mailTo(address: string, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === address);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${address}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The invitation token carried by the link in a received email. */
export const tokenFrom = (mail: ParsedMail): string => {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return match[1];
};
