import { PIPE_TO_SHELL_NAMES } from '../../targets/shell/claims.js';
import { argvOf } from '../../targets/shell/command-line.js';
import { defineCheck } from '../define.js';

const FETCHERS = new Set(['curl', 'wget']);
/** Interpreters that run a script read from stdin or from a substitution. */
const INTERPRETERS = /^(sh|bash|zsh|dash|ksh|ash|fish|python[0-9.]*|perl|ruby|node|php|source|\.)$/;
const FETCH_SUBSTITUTION = /(\$\(|<\(|`)\s*(curl|wget)\b/;

export const runCurlPipeShell = defineCheck({
  id: 'docker/curl-pipe-shell',
  title: 'RUN does not pipe a download into a shell',
  severity: 'medium',
  target: 'dockerfile',
  why:
    '`curl ... | sh` in a RUN executes whatever the server sends at build time, as root in the build, with nothing to ' +
    'compare it against: a compromised install script, CDN or DNS answer becomes part of the image, the build is not ' +
    'reproducible, and a truncated download can run half a script. Without `set -o pipefail` a failed download does ' +
    'not even fail the build.',
  fix: [
    'Download a pinned version to a file, verify it, then run it:',
    '',
    '    RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.4.2.sh \\',
    '     && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\',
    '     && sh /tmp/install.sh && rm /tmp/install.sh',
    '',
    'Better: install from the distribution\'s package manager or copy the binary from the vendor\'s pinned image',
    '(`COPY --from=vendor/tool:1.4.2@sha256:... /tool /usr/local/bin/`).',
  ].join('\n'),
  refs: [
    'CWE-494: Download of code without integrity check',
    'OWASP Top 10 2021 A08 (software and data integrity failures)',
    'hadolint DL4006 (set -o pipefail before RUN with a pipe)',
    'Docker documentation, Building best practices: using pipes',
  ],
  messages: {
    pipeToShell: 'RUN pipes {fetcher} output into {shell}',
    substitution: 'RUN has {shell} execute a script fetched by {fetcher} on the fly',
  },
  claims: [{ about: 'no download piped into a shell', risk: true, names: PIPE_TO_SHELL_NAMES }],
  evaluate(dockerfile, ctx) {
    if (dockerfile.stages.length === 0) return ctx.notApplicable();
    for (const stage of dockerfile.stages) {
      for (const [ordinal, instruction] of stage.instructions.entries()) {
        const where = `${stage.name ?? stage.index}#${ordinal}`;
        if (instruction.keyword !== 'RUN' || !/curl|wget/.test(instruction.args)) continue;
        for (const pipeline of instruction.script) {
          const programs = pipeline.commands.map((command) => argvOf(command));
          const fetchAt = programs.findIndex((argv) => FETCHERS.has(argv[0] ?? ''));
          const shell = fetchAt === -1 ? undefined : programs.slice(fetchAt + 1).find((argv) => INTERPRETERS.test(argv[0] ?? ''));
          if (shell) {
            ctx.fail(instruction.location, 'pipeToShell', { fetcher: programs[fetchAt]![0]!, shell: shell[0]!, where });
            continue;
          }
          for (const argv of programs) {
            const fetched = INTERPRETERS.test(argv[0] ?? '') ? argv.slice(1).map((word) => FETCH_SUBSTITUTION.exec(word)).find((match) => match) : undefined;
            if (fetched) ctx.fail(instruction.location, 'substitution', { fetcher: fetched[2]!, shell: argv[0]!, where });
          }
        }
      }
    }
  },
});
