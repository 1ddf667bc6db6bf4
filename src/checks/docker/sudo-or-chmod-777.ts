import { argvOf, commandsOf } from '../../targets/shell/command-line.js';
import { defineCheck } from '../define.js';

/** Octal modes that give "other" write permission (…2, …3, …6, …7 in the last digit), and symbolic o+w / a+w. */
const WORLD_WRITABLE_OCTAL = /^0*[0-7]?[0-7][0-7][2367]$/;
const WORLD_WRITABLE_SYMBOLIC = /(^|,)[ugo]*[oa][ugo]*[+=][rwxXst]*w/;

export const sudoOrChmod777 = defineCheck({
  id: 'docker/sudo-or-chmod-777',
  title: 'RUN does not use sudo or make files world-writable',
  severity: 'low',
  target: 'dockerfile',
  why:
    'RUN already runs as the current USER (root unless changed), so sudo only adds a setuid binary and its ' +
    'configuration to the image, which an attacker with code execution can use to regain root after the image ' +
    'switched to an unprivileged user. chmod 777 (or o+w) lets any process in the container rewrite the files, ' +
    'including the application code or scripts that root runs later.',
  fix: [
    'Switch users with USER instead of sudo, and give ownership instead of world-write:',
    '',
    '    USER root',
    '    RUN apk add --no-cache tini',
    '    USER 10001:10001',
    '    COPY --chown=10001:10001 --chmod=0755 entrypoint.sh /app/',
    '',
    'For directories the app writes to: `RUN install -d -o 10001 -g 10001 -m 0750 /app/data`.',
  ].join('\n'),
  refs: [
    'hadolint DL3004 (do not use sudo)',
    'CIS Docker Benchmark 4.8 (ensure setuid and setgid permissions are removed)',
    'CWE-732: Incorrect permission assignment for critical resource',
    'Checkov CKV2_DOCKER_1 (sudo)',
  ],
  messages: {
    sudo: 'RUN uses sudo ({command})',
    worldWritable: 'RUN chmod {mode} {target} makes it writable by every user',
  },
  peers: [{ tool: 'hadolint', rule: 'DL3004', messages: ['sudo'] }],
  claims: [
    { about: 'no sudo in images', risk: true, names: [['sudo', 'Dockerfile*'], ['sudo', 'image*'], ['sudo', 'container*']], messages: ['sudo'] },
    { about: 'no world-writable files in images', risk: true, names: ['chmod 777', 'world-writable', 'world writeable', 'chmod o+w'], messages: ['worldWritable'] },
  ],
  evaluate(dockerfile, ctx) {
    if (dockerfile.stages.length === 0) return ctx.notApplicable();
    for (const stage of dockerfile.stages) {
      for (const [ordinal, instruction] of stage.instructions.entries()) {
        const where = `${stage.name ?? stage.index}#${ordinal}`;
        if (instruction.keyword !== 'RUN' || !/sudo|chmod/.test(instruction.args)) continue;
        for (const command of commandsOf(instruction.script)) {
          const sudoAt = command.words.findIndex((word) => word === 'sudo' || word.endsWith('/sudo'));
          const argv = argvOf(command);
          if (sudoAt !== -1 && command.words.slice(0, sudoAt).every((word) => /^[A-Za-z_]\w*=/.test(word))) {
            ctx.fail(instruction.location, 'sudo', { command: ['sudo', ...argv].join(' '), where });
          }
          if (argv[0] !== 'chmod') continue;
          const args = argv.slice(1).filter((word) => !/^-[A-Za-z]+$/.test(word) && !word.startsWith('--'));
          const mode = args[0];
          // The sticky bit (1777, like /tmp) keeps others from replacing what they do not own.
          const sticky = mode !== undefined && /^0*[1357][0-7]{3}$/.test(mode);
          if (mode !== undefined && !sticky && (WORLD_WRITABLE_OCTAL.test(mode) || WORLD_WRITABLE_SYMBOLIC.test(mode))) {
            ctx.fail(instruction.location, 'worldWritable', { mode, target: args.slice(1).join(' '), where });
          }
        }
      }
    }
  },
});
