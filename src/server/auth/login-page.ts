import { html, type Html } from '../../status/html-escape.js';
import { STYLESHEET_PATH } from '../../status/page.js';

export interface LoginPageInput {
  step: 'password' | 'totp';
  csrf: string;
  next: string;
  user?: string;
  error?: string;
  /** The single sign-on provider's name: a "Sign in with …" link above the password form. */
  sso?: string;
}

/** The sign-in form (and its second step): POST only, its CSRF token hidden, no script, styles from the served stylesheet. */
export function renderLoginPage(input: LoginPageInput): string {
  const fields: Html =
    input.step === 'password'
      ? html`<p><label for="user">User name</label><br><input id="user" name="user" autocomplete="username" required value="${input.user ?? ''}"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>`
      : html`<p><label for="code">Code from your authenticator app</label><br><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required></p>`;
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
<h1>Sign in</h1>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
${input.sso && input.step === 'password' ? html`<p><a class="button" href="/login/oidc?next=${encodeURIComponent(input.next)}">Sign in with ${input.sso}</a></p>
<p>or with a user name and password:</p>
` : ''}<form method="post" action="${input.step === 'password' ? '/login' : '/login/totp'}">
<input type="hidden" name="csrf" value="${input.csrf}">
<input type="hidden" name="next" value="${input.next}">
${fields}
<p><button type="submit">${input.step === 'password' ? 'Sign in' : 'Verify'}</button></p>
</form>
</main>
</body>
</html>`.markup}\n`;
}
