/**
 * The page the invitation link opens: a plain HTML form (no script, so the
 * admin's strict Content-Security-Policy applies unchanged) that posts back to
 * the same URL.
 */
import { escapeHtml, supportedLanguage } from './invitation';

/** The page frame shared with the password reset page. */
export const layout = (title: string, body: string, language = 'en') => `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem; color: #212134; }
label { display: block; margin: 1rem 0 .25rem; }
input { width: 100%; padding: .5rem; box-sizing: border-box; }
button { margin-top: 1.5rem; padding: .6rem 1.2rem; background: #4945ff; color: #fff; border: 0; border-radius: 4px; }
.error { color: #b72b1a; }
</style>
</head>
<body>
${body}
</body>
</html>`;

/** Why an invitation link cannot be used; the page then shows no form. */
export type InvitationProblem = 'invalid' | 'used' | 'revoked' | 'expired';

/** What the page knows of a usable invitation: its language and the names it was sent with. */
export interface InvitationForPage {
  email: string;
  language: string | null;
  firstName: string | null;
  lastName: string | null;
}

interface Strings {
  title: string;
  intro: (email: string) => string;
  firstName: string;
  lastName: string;
  password: string;
  submit: string;
  welcome: string;
  done: (email: string) => string;
  problems: Record<InvitationProblem, string>;
}

const TRANSLATIONS: Record<string, Strings> = {
  en: {
    title: 'Accept your invitation',
    intro: (email) => `You are joining as ${email}.`,
    firstName: 'First name',
    lastName: 'Last name',
    password: 'Choose a password (at least 8 characters)',
    submit: 'Join',
    welcome: 'Welcome!',
    done: (email) => `Your account ${email} is ready. You can now sign in with your email and password.`,
    problems: {
      invalid: 'This invitation link is not valid. Check that you opened the whole link from the email.',
      used: 'This invitation has already been used. Sign in with your email and password.',
      revoked: 'This invitation has been withdrawn. Ask the person who invited you for a new one.',
      expired: 'This invitation has expired. Ask the person who invited you for a new one.',
    },
  },
  de: {
    title: 'Einladung annehmen',
    intro: (email) => `Sie treten mit ${email} bei.`,
    firstName: 'Vorname',
    lastName: 'Nachname',
    password: 'Passwort wählen (mindestens 8 Zeichen)',
    submit: 'Beitreten',
    welcome: 'Willkommen!',
    done: (email) =>
      `Ihr Konto ${email} ist bereit. Sie können sich jetzt mit Ihrer E-Mail-Adresse und Ihrem Passwort anmelden.`,
    problems: {
      invalid: 'Dieser Einladungslink ist nicht gültig. Bitte öffnen Sie den vollständigen Link aus der E-Mail.',
      used: 'Diese Einladung wurde bereits angenommen. Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an.',
      revoked: 'Diese Einladung wurde zurückgezogen. Bitten Sie die einladende Person um eine neue.',
      expired: 'Diese Einladung ist abgelaufen. Bitten Sie die einladende Person um eine neue.',
    },
  },
};

const stringsFor = (language: string | null | undefined) => {
  const lang = supportedLanguage(language);
  return { lang, strings: TRANSLATIONS[lang] ?? TRANSLATIONS.en };
};

/** A link that cannot be used: the reason, and no form to fill in for nothing. */
export const acceptProblem = (problem: InvitationProblem, language?: string | null) => {
  const { lang, strings } = stringsFor(language);
  return layout(
    strings.title,
    `<h1>${escapeHtml(strings.title)}</h1>\n<p class="error">${escapeHtml(strings.problems[problem])}</p>`,
    lang
  );
};

/** The form in the invitation's language, names as the inviter wrote them; `error` above it after a refusal. */
export const acceptForm = (token: string, invitation: InvitationForPage, error?: string) => {
  const { lang, strings } = stringsFor(invitation.language);
  const value = (text: string | null) => (text ? ` value="${escapeHtml(text)}"` : '');
  return layout(
    strings.title,
    `<h1>${escapeHtml(strings.title)}</h1>
<p>${escapeHtml(strings.intro(invitation.email))}</p>
${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="firstName">${escapeHtml(strings.firstName)}</label><input id="firstName" name="firstName" autocomplete="given-name"${value(invitation.firstName)}>
<label for="lastName">${escapeHtml(strings.lastName)}</label><input id="lastName" name="lastName" autocomplete="family-name"${value(invitation.lastName)}>
<label for="password">${escapeHtml(strings.password)}</label>
<input id="password" name="password" type="password" minlength="8" required autocomplete="new-password">
<button type="submit">${escapeHtml(strings.submit)}</button>
</form>`,
    lang
  );
};

export const acceptDone = (email: string, language?: string | null) => {
  const { lang, strings } = stringsFor(language);
  return layout(
    strings.welcome,
    `<h1>${escapeHtml(strings.welcome)}</h1><p>${escapeHtml(strings.done(email))}</p>`,
    lang
  );
};
