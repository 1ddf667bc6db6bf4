import { randomBytes } from 'node:crypto';
import { exposure, SENSITIVE_PATHS, type ExposureCategory } from '../../targets/http/sensitive-paths.js';
import { defineCheck } from '../define.js';

/** The message each category of path reports. */
const MESSAGE_OF = {
  secrets: 'secrets',
  source: 'source',
  debug: 'debug',
  backups: 'backups',
  listing: 'listing',
} as const satisfies Record<ExposureCategory, string>;

export const exposedPaths = defineCheck({
  id: 'http/exposed-paths',
  title: 'No secrets, source metadata, debug endpoints, backups or directory listings are served',
  severity: 'high',
  target: 'site',
  why:
    'Files left in the web root and debug endpoints are the first thing scanners fetch: a public .env or actuator/env hands out database passwords and API keys, a /.git/ directory lets anyone rebuild the source and its history, /metrics and pprof reveal internals, and an SQL dump is the whole database.',
  fix:
    'Do not deploy these files (build the image from a clean context, keep .env and .git out with .dockerignore); deny dotfiles and backup extensions at the proxy (nginx: `location ~ /\\.(?!well-known) { deny all; }`, `location ~* \\.(sql|gz|zip|bak)$ { deny all; }`); bind /metrics, /debug/pprof, /actuator and /server-status to an internal port or require auth; turn directory listing off (nginx `autoindex off;`, Apache `Options -Indexes`). Rotate every secret that was served.',
  refs: [
    'OWASP WSTG-CONF-04: Review old backup and unreferenced files for sensitive information',
    'OWASP WSTG-CONF-05: Enumerate infrastructure and application admin interfaces',
    'CWE-538: Insertion of sensitive information into externally-accessible file or directory',
    'CWE-548: Exposure of information through directory listing',
    'nuclei-templates http/exposures (git-config, laravel-env, springboot-env, phpinfo-files, ds-store-file)',
  ],
  messages: {
    secrets: '{path} serves {what} to anyone: rotate what it contains',
    source: '{path} serves {what}: the source and its history can be downloaded',
    debug: '{path} exposes {what} without authentication',
    backups: '{path} serves {what}',
    listing: '{path} shows {what}',
  },
  claims: [
    {
      about: 'no sensitive files or endpoints served', risk: true,
      names: [['sensitive file*', 'expos*'], ['sensitive file*', 'served'], ['sensitive path*', 'expos*'], ['sensitive endpoint*', 'expos*'], 'forced browsing'],
      messages: ['secrets', 'source', 'debug', 'backups', 'listing'],
    },
    {
      about: 'no secrets files served', risk: true,
      names: [
        ['.env file*', 'expos*'],
        ['.env file*', 'publicly'],
        ['.env file*', 'served'],
        ['.env', 'web root'],
        ['actuator', 'env'],
        ['config file*', 'publicly'],
        ['config file*', 'served'],
      ],
      messages: ['secrets'],
    },
    {
      about: 'no source metadata served', risk: true,
      names: [['.git director*', 'expos*'], ['.git director*', 'publicly'], ['.git folder*', 'expos*'], ['.git', 'served'], ['.git', 'web root'], ['.svn', 'expos*']],
      messages: ['source'],
    },
    {
      about: 'no debug or metrics endpoint served', risk: true,
      names: [
        ['/metrics', 'expos*'],
        ['/metrics', 'public*'],
        ['metrics endpoint*', 'auth*'],
        ['metrics endpoint*', 'expos*'],
        ['metrics endpoint*', 'unauthenticated'],
        'pprof',
        'phpinfo',
        'server-status',
        ['debug endpoint*'],
        ['actuator', 'expos*'],
        ['Prometheus', 'metrics', 'publicly'],
      ],
      messages: ['debug'],
    },
    {
      about: 'no backups served', risk: true,
      names: [['backup*', 'publicly'], ['backup*', 'served'], ['backup*', 'web root'], ['backup*', 'downloadable'], ['SQL dump*', 'expos*']],
      messages: ['backups'],
    },
    { about: 'no directory listing', risk: true, names: ['directory listing*', 'directory browsing', 'directory indexing', 'autoindex'], messages: ['listing'] },
  ],
  async evaluate(site, ctx) {
    // Learn the site's answer to a path that cannot exist before asking for the real ones:
    // one request tells an unreachable site apart, and a catch-all 200 is not an exposure.
    const baselinePath = `/harden-${randomBytes(8).toString('hex')}-absent`;
    const baseline = { path: baselinePath, response: await site.get(baselinePath) };
    // The client bounds connections per host: fire every request at once.
    const responses = await Promise.all(SENSITIVE_PATHS.map((entry) => site.get(entry.path)));
    SENSITIVE_PATHS.forEach((entry, i) => {
      const evidence = exposure(entry, responses[i]!, baseline);
      if (evidence !== undefined) ctx.fail(site.at(entry.path), MESSAGE_OF[entry.category], { path: entry.path, what: entry.what }, evidence);
    });
  },
});
