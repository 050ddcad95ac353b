/**
 * The page the invitation link opens: a plain HTML form (no script, so the
 * admin's strict Content-Security-Policy applies unchanged) that posts back to
 * the same URL.
 */
import { escapeHtml } from './invitation';

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

export const acceptForm = (token: string, error?: string) =>
  layout(
    'Accept your invitation',
    `<h1>Accept your invitation</h1>
${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="firstName">First name</label><input id="firstName" name="firstName" autocomplete="given-name">
<label for="lastName">Last name</label><input id="lastName" name="lastName" autocomplete="family-name">
<label for="password">Choose a password (at least 8 characters)</label>
<input id="password" name="password" type="password" minlength="8" required autocomplete="new-password">
<button type="submit">Join</button>
</form>`
  );

export const acceptDone = (email: string) =>
  layout(
    'Welcome',
    `<h1>Welcome!</h1><p>Your account ${escapeHtml(email)} is ready. You can now sign in with your email and password.</p>`
  );
