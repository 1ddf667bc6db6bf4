import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { commandsOfLine, readShellScript } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

/** Commands that stop the script (or the function) instead of going on. */
const STOPS = new Set(['exit', 'return', 'die', 'fail', 'fatal', 'abort', 'false', 'kill', 'error']);
const WARNS = new Set(['echo', 'printf', 'logger', 'warn', 'warning', 'log', 'info', 'notice']);
/** `$VAR`, `${VAR}`, `${VAR:-}` as a test operand (quotes already removed). */
const OPERAND = /^\$\{?([A-Za-z_]\w*)(?::?[-=?+][^}]*)?\}?$/;

interface Frame {
  variable: string | undefined;
  /** The branch that runs when the secret is empty. */
  emptyBranch: 'then' | 'else';
  state: 'cond' | 'then' | 'else' | 'elif';
  commands: { program: string; line: number; column: number }[];
}

export const emptySecretWarnOnly = defineCheck({
  id: 'repo/empty-secret-warn-only',
  title: 'Scripts stop when a required secret is empty',
  severity: 'high',
  target: 'shell-script',
  why:
    'A setup script that only prints a warning when a password is empty carries on and creates the Secret, the config ' +
    'or the service without it: Redis starts without requirepass, an admin account without a password, a client ' +
    'without credentials. The warning scrolls by in a CI log and the insecure state ships. A required secret that is ' +
    'missing must stop the script.',
  fix: [
    'Fail instead of warning, before anything is created:',
    '',
    '    : "${REDIS_PASSWORD:?REDIS_PASSWORD is required}"',
    '    # or',
    '    [[ -n "$REDIS_PASSWORD" ]] || { echo "ERROR: REDIS_PASSWORD is required" >&2; exit 1; }',
  ].join('\n'),
  refs: ['CWE-1188: Initialization of a resource with an insecure default', 'CWE-636: Not failing securely (failing open)', 'OWASP Secrets Management Cheat Sheet'],
  messages: {
    warnOnly: '{variable} may be empty and the script only warns, then goes on without it',
  },
  claims: [
    {
      about: 'scripts stop on an empty secret',
      names: [
        ['empty', 'secret*', 'warn*'],
        ['empty', 'password*', 'warn*'],
        ['required secret*', 'missing'],
        ['required secret*', 'empty'],
        ['secret*', 'unset', 'abort*'],
        ['secret*', 'fail fast'],
        ['secret*', 'fail closed'],
        ['script*', 'warn* only', 'secret*'],
      ],
    },
  ],
  evaluate(script, ctx) {
    const text = script.text;
    if (!text.includes('-z') && !text.includes('-n')) return;
    const frames: Frame[] = [];
    for (const line of readShellScript(text).lines) {
      for (const command of commandsOfLine(line.text)) {
        let words = command;
        const head = words[0]!.text;
        if (head === 'if') {
          frames.push(frameOf(words.slice(1).map((word) => word.text)));
          continue;
        }
        const top = frames[frames.length - 1];
        if (head === 'fi') {
          frames.pop();
          if (top) judge(top, (variable, at) => ctx.fail(script.at(at.line, at.column), 'warnOnly', { variable }));
          continue;
        }
        if (top && (head === 'then' || head === 'else' || head === 'elif')) {
          // The `then` of an elif is not the branch the -z/-n test chose.
          top.state = head === 'then' && top.state === 'elif' ? 'elif' : head;
          words = head === 'elif' ? [] : words.slice(1);
        }
        if (words.length === 0) continue;
        const program = words[0]!.text;
        const { line: row, column } = line.positionAt(words[0]!.index);
        for (const frame of frames) if (frame.state === frame.emptyBranch) frame.commands.push({ program, line: row, column });
      }
    }
  },
});

function frameOf(condition: string[]): Frame {
  const test = condition.findIndex((word) => word === '-z' || word === '-n');
  const operand = test >= 0 ? OPERAND.exec(condition[test + 1] ?? '') : null;
  const variable = operand && isCredentialName(operand[1]!) ? operand[1]! : undefined;
  return { variable, emptyBranch: condition[test] === '-n' ? 'else' : 'then', state: 'cond', commands: [] };
}

function judge(frame: Frame, report: (variable: string, at: { line: number; column: number }) => void): void {
  if (!frame.variable || frame.commands.length === 0) return;
  if (frame.commands.some((command) => STOPS.has(command.program))) return;
  const warning = frame.commands.find((command) => WARNS.has(command.program));
  if (warning) report(frame.variable, warning);
}
