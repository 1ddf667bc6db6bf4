import { hasUnknownVariable } from '../../targets/compose/interpolate.js';
import { passwordArgumentsOf } from '../../targets/compose/password-options.js';
import { COMMAND_LINE_SECRET_NAMES } from '../../targets/secrets/claims.js';
import { defineCheck } from '../define.js';

export const secretsInCommand = defineCheck({
  id: 'compose/secrets-in-command',
  title: 'Compose services do not pass passwords on the command line',
  severity: 'medium',
  target: 'compose-service',
  why:
    'Compose interpolates `$REDIS_PASSWORD` into `command:` before the container starts: the password is then in the ' +
    'container\'s configuration, which `docker inspect` prints to anyone with access to the Docker socket, and in ' +
    '/proc/<pid>/cmdline, which `ps` on the host and every process of the container read. A `$$VAR` expanded by the ' +
    'container\'s shell (`sh -c`) ends up in the process list the same way. Unlike a file, it cannot be given a mode.',
  fix: [
    'Give the program its password in a file or in its environment, not in its arguments:',
    '',
    '    redis:',
    '      image: redis:7.4',
    '      command: ["redis-server", "/usr/local/etc/redis/redis.conf"]   # requirepass in the mounted file',
    '      secrets: [redis_conf]',
    '',
    'Most servers read a password file (`--requirepass` has `requirepass` in redis.conf, `--password-file`, `*_FILE`).',
    'A literal password on the command line is reported by compose/inline-credentials.',
  ].join('\n'),
  refs: [
    'OWASP Secrets Management Cheat Sheet: do not pass secrets on the command line',
    'CWE-214: Invocation of process using visible sensitive information',
    'Docker documentation, Use secrets in Compose',
  ],
  messages: {
    variablePassword: 'service "{service}" passes the password {value} on its {key} ({option}): docker inspect and ps show its value',
  },
  claims: [{ about: 'no passwords on compose command lines', risk: true, names: [...COMMAND_LINE_SECRET_NAMES, ['requirepass', 'command*']] }],
  evaluate(service, ctx) {
    const variables = passwordArgumentsOf(service).filter((argument) => expandsVariable(argument.value, argument.shell));
    if (variables.length === 0) return ctx.notApplicable();
    for (const { key, option, value } of variables) ctx.fail(service.at(key), 'variablePassword', { service: service.name, key, option, value });
  },
});

/** `$VAR`/`${VAR}` (compose interpolates it), or `$$VAR` when a shell runs the command and expands it. */
function expandsVariable(value: string, shell: boolean): boolean {
  return hasUnknownVariable(value) || (shell && /\$\$\{?[A-Za-z_]/.test(value));
}
