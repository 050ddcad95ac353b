/**
 * The password reset email and the page its link opens, in the person's
 * language where a translation exists (else English). The page is a plain HTML
 * form without script, like the invitation page, posting back to its own URL.
 */
import { layout } from './accept-page';
import { escapeHtml, supportedLanguage } from './invitation';

export interface ResetMailData {
  agencyName: string;
  link: string;
  firstName?: string | null;
}

/** Which input a refusal on the page is about (the field a 400 names). */
export type ResetProblem = 'code' | 'password' | 'passwordConfirmation';

interface Strings {
  subject: (data: ResetMailData) => string;
  greeting: (data: ResetMailData) => string;
  body: (data: ResetMailData) => string;
  action: string;
  expiry: string;
  ignore: string;
  pageTitle: string;
  password: string;
  confirmation: string;
  submit: string;
  done: string;
  problems: Record<ResetProblem, string>;
}

const TRANSLATIONS: Record<string, Strings> = {
  en: {
    subject: (data) => `Reset your password for ${data.agencyName}`,
    greeting: (data) => (data.firstName ? `Hello ${data.firstName},` : 'Hello,'),
    body: (data) => `Someone asked to reset the password of your account in ${data.agencyName}'s client portal.`,
    action: 'Choose a new password',
    expiry: 'This link can be used once and expires in one hour.',
    ignore: 'If you did not ask for this, you can ignore this email: your password stays as it is.',
    pageTitle: 'Choose a new password',
    password: 'New password (at least 8 characters)',
    confirmation: 'Repeat the new password',
    submit: 'Save the password',
    done: 'Your password has been changed. You can now sign in with your email and the new password.',
    problems: {
      code: 'This link is not valid: it has expired or has already been used. Ask for a new one.',
      password: 'The password needs at least 8 characters (and at most 72 bytes).',
      passwordConfirmation: 'The two passwords do not match.',
    },
  },
  de: {
    subject: (data) => `Passwort für ${data.agencyName} zurücksetzen`,
    greeting: (data) => (data.firstName ? `Hallo ${data.firstName},` : 'Hallo,'),
    body: (data) =>
      `Jemand hat angefordert, das Passwort Ihres Kontos im Kundenportal von ${data.agencyName} zurückzusetzen.`,
    action: 'Neues Passwort wählen',
    expiry: 'Dieser Link ist einmal gültig und läuft in einer Stunde ab.',
    ignore:
      'Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren: Ihr Passwort bleibt unverändert.',
    pageTitle: 'Neues Passwort wählen',
    password: 'Neues Passwort (mindestens 8 Zeichen)',
    confirmation: 'Neues Passwort wiederholen',
    submit: 'Passwort speichern',
    done: 'Ihr Passwort wurde geändert. Sie können sich jetzt mit Ihrer E-Mail-Adresse und dem neuen Passwort anmelden.',
    problems: {
      code: 'Dieser Link ist nicht gültig: Er ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.',
      password: 'Das Passwort braucht mindestens 8 Zeichen (und höchstens 72 Bytes).',
      passwordConfirmation: 'Die beiden Passwörter stimmen nicht überein.',
    },
  },
};

export const resetMail = (language: string | null | undefined, data: ResetMailData) => {
  const lang = supportedLanguage(language);
  const strings = TRANSLATIONS[lang];
  const paragraphs = [strings.greeting(data), strings.body(data)];
  const text = [...paragraphs, `${strings.action}: ${data.link}`, strings.expiry, strings.ignore].join('\n\n');
  const html = [
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p><a href="${escapeHtml(data.link)}">${escapeHtml(strings.action)}</a></p>`,
    `<p>${escapeHtml(strings.expiry)}</p>`,
    `<p>${escapeHtml(strings.ignore)}</p>`,
  ].join('\n');
  return { subject: strings.subject(data), text, html, language: lang };
};

/** The form; with a problem, its sentence above it (an invalid link gets no form). */
export const resetPage = (language: string | null | undefined, code: string, problem?: ResetProblem) => {
  const lang = supportedLanguage(language);
  const strings = TRANSLATIONS[lang];
  const error = problem ? `<p class="error">${escapeHtml(strings.problems[problem])}</p>` : '';
  if (problem === 'code') return layout(strings.pageTitle, `<h1>${escapeHtml(strings.pageTitle)}</h1>\n${error}`, lang);
  return layout(
    strings.pageTitle,
    `<h1>${escapeHtml(strings.pageTitle)}</h1>
${error}
<form method="post">
<input type="hidden" name="code" value="${escapeHtml(code)}">
<label for="password">${escapeHtml(strings.password)}</label>
<input id="password" name="password" type="password" minlength="8" required autocomplete="new-password">
<label for="passwordConfirmation">${escapeHtml(strings.confirmation)}</label>
<input id="passwordConfirmation" name="passwordConfirmation" type="password" minlength="8" required autocomplete="new-password">
<button type="submit">${escapeHtml(strings.submit)}</button>
</form>`,
    lang
  );
};

export const resetDone = (language: string | null | undefined) => {
  const lang = supportedLanguage(language);
  const strings = TRANSLATIONS[lang];
  return layout(strings.pageTitle, `<h1>${escapeHtml(strings.pageTitle)}</h1><p>${escapeHtml(strings.done)}</p>`, lang);
};
