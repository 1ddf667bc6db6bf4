import { headerEvidence } from '../../targets/live/site-page.js';
import { defineCheck } from '../define.js';

export const authNoStore = defineCheck({
  id: 'http/auth-no-store',
  title: 'Authentication endpoints answer with Cache-Control: no-store',
  severity: 'medium',
  target: 'site',
  why: 'Login, token and account responses carry credentials, session ids and personal data; unless they say no-store, a shared proxy or CDN may serve them to the next user and the browser keeps them on disk, where the back button or another user of the machine finds them.',
  fix: 'Send `Cache-Control: no-store` on every response of the paths listed in the plan\'s `authPaths` (nginx: `add_header Cache-Control "no-store" always;` in those locations; frameworks: the session/login views\' cache headers). `private` or `no-cache` alone still lets the response be stored.',
  refs: [
    'RFC 9111 §5.2.2.5 (Cache-Control: no-store)',
    'OWASP Session Management Cheat Sheet: web content caching',
    'OWASP ASVS 4.0 V8.2.1 (anti-caching headers for sensitive data)',
    'RFC 6749 §5.1 (token responses: Cache-Control: no-store)',
  ],
  messages: {
    storable: '{path} answers {status} without Cache-Control: no-store: caches and the browser may keep credentials and session data',
    pathNotFound: '{path} (an authPath of the plan) answers 404: the plan names an endpoint the site does not have',
  },
  claims: [
    {
      about: 'authentication responses are not stored',
      names: [
        ['no-store', 'auth*'],
        ['no-store', 'login'],
        ['no-store', 'session*'],
        ['no-store', 'token*'],
        ['Cache-Control', 'auth*'],
        ['Cache-Control', 'login'],
        ['Cache-Control', 'session*'],
        ['Cache-Control', 'token*'],
        ['cach*', 'auth* response*'],
        ['cach*', 'login response*'],
        ['cach*', 'token response*'],
        ['cach*', 'account page*'],
        ['cach*', 'credential*'],
        ['cach*', 'sensitive data'],
        ['cach*', 'personal data'],
      ],
      messages: ['storable'],
    },
  ],
  async evaluate(site, ctx) {
    const paths = site.config.authPaths;
    if (paths.length === 0) return ctx.notApplicable();
    const responses = await Promise.all(paths.map((path) => site.get(path)));
    paths.forEach((path, i) => {
      const response = responses[i]!;
      if (response.status === 404) return ctx.fail(site.at(path), 'pathNotFound', { path }, headerEvidence(response.headers, 'cache-control'));
      const directives = (response.headers.get('cache-control') ?? []).flatMap((value) => value.split(',')).map((d) => d.trim().toLowerCase().split('=')[0]);
      if (!directives.includes('no-store')) ctx.fail(site.at(path), 'storable', { path, status: response.status }, headerEvidence(response.headers, 'cache-control'));
    });
  },
});
