/** The invitation email, in the invitee's language where a translation exists (else English). */

export interface InvitationMailData {
  agencyName: string;
  inviterName: string;
  roleLabel: string;
  link: string;
  expiresAt: Date;
  message?: string | null;
  firstName?: string | null;
}

interface Strings {
  subject: (data: InvitationMailData) => string;
  greeting: (data: InvitationMailData) => string;
  body: (data: InvitationMailData) => string;
  action: string;
  expiry: (date: string) => string;
  ignore: string;
}

const TRANSLATIONS: Record<string, Strings> = {
  en: {
    subject: (data) => `${data.inviterName} invited you to ${data.agencyName}`,
    greeting: (data) => (data.firstName ? `Hello ${data.firstName},` : 'Hello,'),
    body: (data) => `${data.inviterName} invited you to join ${data.agencyName}'s client portal as ${data.roleLabel}.`,
    action: 'Accept the invitation',
    expiry: (date) => `This link can be used once and expires on ${date}.`,
    ignore: 'If you did not expect this invitation, you can ignore this email.',
  },
  de: {
    subject: (data) => `${data.inviterName} hat Sie zu ${data.agencyName} eingeladen`,
    greeting: (data) => (data.firstName ? `Hallo ${data.firstName},` : 'Hallo,'),
    body: (data) =>
      `${data.inviterName} hat Sie in das Kundenportal von ${data.agencyName} eingeladen (Rolle: ${data.roleLabel}).`,
    action: 'Einladung annehmen',
    expiry: (date) => `Dieser Link ist einmal gültig und läuft am ${date} ab.`,
    ignore: 'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
  },
};

export const supportedLanguage = (language: string | null | undefined): string => {
  const base = (language ?? 'en').slice(0, 2).toLowerCase();
  return base in TRANSLATIONS ? base : 'en';
};

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export const invitationMail = (language: string | null | undefined, data: InvitationMailData) => {
  const lang = supportedLanguage(language);
  const strings = TRANSLATIONS[lang];
  const date = data.expiresAt.toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const paragraphs = [strings.greeting(data), strings.body(data), ...(data.message ? [data.message] : [])];
  const text = [...paragraphs, `${strings.action}: ${data.link}`, strings.expiry(date), strings.ignore].join('\n\n');
  const html = [
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p><a href="${escapeHtml(data.link)}">${escapeHtml(strings.action)}</a></p>`,
    `<p>${escapeHtml(strings.expiry(date))}</p>`,
    `<p>${escapeHtml(strings.ignore)}</p>`,
  ].join('\n');
  return { subject: strings.subject(data), text, html, language: lang };
};
