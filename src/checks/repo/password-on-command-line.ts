import { secretValueKind } from '../../targets/config/secret-values.js';
import { COMMAND_LINE_SECRET_NAMES, HARDCODED_SECRET_NAMES, HARDCODED_SECRET_UNLESS } from '../../targets/secrets/claims.js';
import { isCredentialName } from '../../targets/secrets/credential-names.js';
import { maskSecret } from '../../targets/secrets/mask.js';
import { commandsOfLine, readShellScript, type ShellWordAt } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const MYSQL = new Set(['mysql', 'mysqldump', 'mysqladmin', 'mysqlimport', 'mysqlshow', 'mysqlcheck', 'mariadb', 'mariadb-dump', 'mariadb-admin']);
/** Environment variables the tools read a password from. */
const PASSWORD_ENV = /^(PGPASSWORD|MYSQL_PWD|REDISCLI_AUTH|SSHPASS|PASSWORD|MONGO_PASSWORD|RABBITMQ_DEFAULT_PASS)=(.*)$/s;
/** `--password`, `--db-password`, `--docker-password`, `--client-secret`, `--api-key`, `--token`. */
const SECRET_FLAG = /^--?((?:[\w-]*-)?(?:password|passwd|pass|pwd|secret|token|api-?key|auth-token))(?:=(.*))?$/is;
const WRAPPERS = new Set(['sudo', 'doas', 'exec', 'env', 'command', 'nohup', 'time', 'xargs']);
/** Builtins that print their arguments (messages, usage text) rather than run with them. */
const PRINTERS = new Set(['echo', 'printf', 'cat', 'read', 'log', 'info', 'warn', 'die']);
const PROGRAM_AFTER = /^[A-Za-z_]\w*=/;

interface Finding {
  /** The word that holds the password (reported at its start). */
  word: ShellWordAt;
  /** The literal password, masked before it is shown. */
  value: string;
  tool: string;
}

export const passwordOnCommandLine = defineCheck({
  id: 'repo/password-on-command-line',
  title: 'Scripts do not put literal passwords on command lines',
  severity: 'high',
  target: 'shell-script',
  why:
    'A password written into a script is committed with it (every clone, fork and CI log has it) and, as a command ' +
    'argument, is visible to every local user in `ps` and /proc/<pid>/cmdline while the command runs and lands in shell ' +
    'history. mysql -p<pw>, PGPASSWORD=<pw>, redis-cli -a <pw>, curl -u user:<pw>, sshpass -p <pw>, htpasswd -b and ' +
    '--from-literal=PASSWORD=<pw> all do this. A value taken from a variable ($PW) is not committed and passes; prefer ' +
    'stdin or a file for it too.',
  fix: [
    'Take the password from the environment or a secret file, and hand it to the tool through stdin or a file:',
    '',
    '    mysql --defaults-extra-file=<(printf "[client]\\npassword=%s\\n" "$DB_PASSWORD") app',
    '    redis-cli --askpass <<<"$REDIS_PASSWORD"          # or REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli',
    '    docker login "$REGISTRY" -u ci --password-stdin <<<"$REGISTRY_TOKEN"',
    '    kubectl create secret generic app --from-file=password="$WORK/password"',
    '',
    'Rotate any password that was committed.',
  ].join('\n'),
  refs: [
    'CWE-214: Invocation of process using visible sensitive information',
    'CWE-798: Use of hard-coded credentials',
    'OWASP Secrets Management Cheat Sheet',
    'MySQL Reference Manual 8.0, 8.1.2.1 End-User Guidelines for Password Security',
  ],
  messages: {
    literal: '{tool} gets a literal password on its command line ({masked})',
    envLiteral: '{variable} is set to a literal password ({masked}) for {tool}',
  },
  claims: [
    {
      about: 'no literal passwords on command lines', risk: true,
      names: [...COMMAND_LINE_SECRET_NAMES, 'PGPASSWORD', 'sshpass', ['from-literal', 'password*']],
      messages: ['literal', 'envLiteral'],
    },
    { about: 'no hardcoded passwords in scripts', risk: true, names: HARDCODED_SECRET_NAMES, unless: HARDCODED_SECRET_UNLESS, messages: ['literal'] },
  ],
  evaluate(script, ctx) {
    for (const line of readShellScript(script.text).lines) {
      for (const command of commandsOfLine(line.text)) {
        const { env, argv } = splitCommand(command);
        const tool = argv[0] ? baseName(argv[0].text) : '';
        for (const word of env) {
          const match = PASSWORD_ENV.exec(word.text);
          if (match && isLiteral(match[2]!)) {
            const masked = maskSecret(match[2]!);
            const { line: at, column } = line.positionAt(word.index);
            ctx.fail(script.at(at, column), 'envLiteral', { variable: match[1]!, tool: tool || 'the script', masked }, `${match[1]}=${masked}`);
          }
        }
        for (const finding of innerCommands(tool, argv.slice(1)).flatMap(([inner, args]) => argumentFindings(inner, args))) {
          const masked = maskSecret(finding.value);
          const { line: at, column } = line.positionAt(finding.word.index);
          ctx.fail(script.at(at, column), 'literal', { tool: finding.tool, masked }, `${finding.tool} … ${finding.word.text.replace(finding.value, masked)}`);
        }
      }
    }
  },
});

/** Tools whose `--` introduces a command of its own (`kubectl exec pod -- psql --password=…`). */
const RUNS_AFTER_SEPARATOR = new Set(['kubectl', 'oc', 'docker', 'podman', 'nerdctl', 'crictl', 'ssh', 'timeout', 'flock', 'nsenter', 'chroot', 'runuser']);

/** The tool's own arguments, then the command after its `--` (blamed on that command), and so on. */
function innerCommands(tool: string, args: ShellWordAt[]): [string, ShellWordAt[]][] {
  const separator = RUNS_AFTER_SEPARATOR.has(tool) ? args.findIndex((word) => word.text === '--') : -1;
  if (separator === -1) return [[tool, args]];
  const rest = args.slice(separator + 1);
  return [[tool, args.slice(0, separator)], ...innerCommands(rest[0] ? baseName(rest[0].text) : '', rest.slice(1))];
}

/** `VAR=x VAR2=y sudo -E env Z=1 tool args`: the assignments and the tool's argv. */
function splitCommand(command: ShellWordAt[]): { env: ShellWordAt[]; argv: ShellWordAt[] } {
  const env: ShellWordAt[] = [];
  let i = 0;
  if (command[0]?.text === 'export' || command[0]?.text === 'local' || command[0]?.text === 'declare' || command[0]?.text === 'readonly') {
    return { env: command.slice(1).filter((word) => PROGRAM_AFTER.test(word.text)), argv: [] };
  }
  for (;;) {
    while (i < command.length && PROGRAM_AFTER.test(command[i]!.text)) env.push(command[i++]!);
    const word = command[i];
    if (!word || !WRAPPERS.has(baseName(word.text))) break;
    i++;
    while (i < command.length && command[i]!.text.startsWith('-')) i += /^-[ugCh]$/.test(command[i]!.text) ? 2 : 1;
  }
  return { env, argv: command.slice(i) };
}

function argumentFindings(tool: string, args: ShellWordAt[]): Finding[] {
  const findings: Finding[] = [];
  if (tool === '' || PRINTERS.has(tool)) return findings;
  const add = (word: ShellWordAt | undefined, value: string | undefined) => {
    if (word && value !== undefined && isLiteral(value)) findings.push({ word, value, tool });
  };
  args.forEach((word, i) => {
    const text = word.text;
    const next = args[i + 1];
    if (MYSQL.has(tool) && /^-p./.test(text)) return add(word, text.slice(2));
    if (tool === 'redis-cli' && (text === '-a' || text === '--pass')) return add(next, next?.text);
    if (tool === 'sshpass' && /^-p/.test(text)) return text === '-p' ? add(next, next?.text) : add(word, text.slice(2));
    if ((tool === 'curl' || tool === 'wget') && (text === '-u' || text === '--user')) return add(next, next && passwordOfUserinfo(next.text));
    if (tool === 'curl' && /^-u./.test(text)) return add(word, passwordOfUserinfo(text.slice(2)));
    if (tool === 'kubectl' || tool === 'oc') {
      const literal = /^--from-literal=([^=]+)=(.*)$/s.exec(text);
      if (literal && isCredentialName(literal[1]!)) return add(word, literal[2]!);
    }
    const flag = SECRET_FLAG.exec(text);
    if (flag && !/(?:file|stdin|env|path|dir|command|cmd|prompt|length|policy|type|id|name)$/i.test(flag[1]!)) {
      if (flag[2] !== undefined) return add(word, flag[2]);
      // mysql --password with no value prompts; elsewhere the next word is the value.
      if (text.startsWith('--') && !MYSQL.has(tool) && next && !next.text.startsWith('-')) return add(next, next.text);
    }
    return undefined;
  });
  // htpasswd -b… FILE USER PASSWORD / -nb USER PASSWORD: the password is the last argument.
  if (tool === 'htpasswd') {
    const flags = args.filter((word) => word.text.startsWith('-')).map((word) => word.text).join('');
    const last = args[args.length - 1];
    if (flags.includes('b') && last && !last.text.startsWith('-')) add(last, last.text);
  }
  return findings;
}

function passwordOfUserinfo(userinfo: string): string | undefined {
  const colon = userinfo.indexOf(':');
  return colon < 0 ? undefined : userinfo.slice(colon + 1);
}

/** A value written into the script: not empty, not an expansion ($PW, $(cat f), `cmd`), not `<placeholder>`. */
function isLiteral(value: string): boolean {
  if (value === '' || value === '-' || value.includes('$') || value.includes('`')) return false;
  const kind = secretValueKind(value);
  return kind === 'literal' || kind === 'placeholder';
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
