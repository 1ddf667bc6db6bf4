import { looksLikeSession, setCookies, isDeletion, type SetCookie } from '../../targets/http/set-cookie.js';
import { sitePage } from '../../targets/live/site-page.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { defineCheck } from '../define.js';

export const cookies = defineCheck({
  id: 'http/cookies',
  title: 'Cookies are Secure, HttpOnly (sessions), SameSite and correctly prefixed',
  severity: 'medium',
  target: 'site',
  why: 'A session cookie without Secure leaks on any plain-http request, without HttpOnly it is readable by any injected script, and without SameSite it rides along on cross-site requests (CSRF). __Host-/__Secure- prefixes only protect a cookie when its attributes meet their rules, which browsers enforce by dropping the cookie.',
  fix: 'Set session cookies as `Set-Cookie: __Host-session=…; Path=/; Secure; HttpOnly; SameSite=Lax` (Strict for admin apps); every cookie of an https site gets Secure. `__Host-` cookies need Secure, Path=/ and no Domain; `__Secure-` cookies need Secure; SameSite=None needs Secure.',
  refs: [
    'RFC 6265 §4.1.2 (Secure, HttpOnly)',
    'RFC 6265bis (draft-ietf-httpbis-rfc6265bis): SameSite, __Host- and __Secure- prefixes',
    'OWASP Session Management Cheat Sheet: cookies',
    'MDN HTTP Observatory test cookies',
  ],
  messages: {
    notSecure: 'cookie "{cookie}" is set without Secure on an https site: it is also sent over plain http',
    sessionNotHttpOnly: 'session cookie "{cookie}" is set without HttpOnly: any injected script can read it',
    sessionNoSameSite: 'session cookie "{cookie}" has no SameSite attribute: it is sent with cross-site requests where the browser defaults allow it (CSRF)',
    sameSiteInvalid: 'cookie "{cookie}" has SameSite="{value}": not Strict, Lax or None, so browsers ignore it',
    sameSiteNoneInsecure: 'cookie "{cookie}" has SameSite=None without Secure: browsers reject it',
    hostPrefixInvalid: 'cookie "{cookie}" breaks the __Host- prefix rules ({problems}): browsers reject it',
    securePrefixInsecure: 'cookie "{cookie}" has the __Secure- prefix but no Secure attribute: browsers reject it',
  },
  claims: [
    {
      about: 'cookie attributes',
      names: ['cookie flags', 'cookie attributes', 'secure cookie*', 'cookie security', ['session cookie*', 'flag*'], ['session cookie*', 'attribute*']],
      messages: ['notSecure', 'sessionNotHttpOnly', 'sessionNoSameSite', 'sameSiteInvalid', 'sameSiteNoneInsecure', 'hostPrefixInvalid', 'securePrefixInsecure'],
    },
    {
      about: 'cookies are Secure',
      names: [['cookie*', 'Secure flag'], ['cookie*', 'Secure attribute'], ['cookie*', 'plain HTTP'], ['cookie*', 'over HTTP']],
      messages: ['notSecure', 'sameSiteNoneInsecure', 'securePrefixInsecure'],
    },
    { about: 'session cookies are HttpOnly', names: ['HttpOnly'], messages: ['sessionNotHttpOnly'] },
    { about: 'session cookies set SameSite', names: ['SameSite', ['cookie*', 'CSRF']], messages: ['sessionNoSameSite', 'sameSiteInvalid', 'sameSiteNoneInsecure'] },
    { about: 'cookie prefixes', names: [['cookie*', 'prefix*'], '__Host-prefix', '__Secure-prefix'], messages: ['hostPrefixInvalid', 'securePrefixInsecure'] },
  ],
  async evaluate(site, ctx) {
    const page = await sitePage(site);
    if (!page) return ctx.notApplicable();
    for (const response of page.chain.hops) {
      const https = new URL(response.url).protocol === 'https:';
      for (const cookie of setCookies(response.headers)) {
        if (isDeletion(cookie)) continue;
        const at = site.at(response.url);
        const evidence = `Set-Cookie: ${masked(cookie)}`;
        const data = { cookie: cookie.name };
        const session = looksLikeSession(cookie.name);
        if (cookie.name.startsWith('__Host-')) {
          const problems = [!cookie.secure && 'no Secure', cookie.path !== '/' && `Path=${cookie.path ?? '(none)'}`, cookie.domain !== undefined && `Domain=${cookie.domain}`].filter(Boolean);
          if (problems.length) ctx.fail(at, 'hostPrefixInvalid', { ...data, problems: problems.join(', ') }, evidence);
        } else if (cookie.name.startsWith('__Secure-') && !cookie.secure) ctx.fail(at, 'securePrefixInsecure', data, evidence);
        else if (https && !cookie.secure) ctx.fail(at, 'notSecure', data, evidence);
        if (session && !cookie.httpOnly) ctx.fail(at, 'sessionNotHttpOnly', data, evidence);
        if (cookie.sameSite === undefined) {
          if (session) ctx.fail(at, 'sessionNoSameSite', data, evidence);
        } else if (!['strict', 'lax', 'none'].includes(cookie.sameSite)) ctx.fail(at, 'sameSiteInvalid', { ...data, value: cookie.sameSite }, evidence);
        else if (cookie.sameSite === 'none' && !cookie.secure) ctx.fail(at, 'sameSiteNoneInsecure', data, evidence);
      }
    }
  },
});

/** The header with the cookie's value masked: values are often session tokens. */
function masked(cookie: SetCookie): string {
  const semicolon = cookie.raw.indexOf(';');
  const attributes = semicolon === -1 ? '' : cookie.raw.slice(semicolon);
  return `${cookie.name}=${cookie.value ? maskSecret(cookie.value) : ''}${attributes}`;
}
