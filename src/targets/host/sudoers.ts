/** A sudoers rule letting someone run every command without a password. */
export interface NopasswdAllRule {
  /** Who the rule is for as written: `deploy`, `%sudo`, `ADMINS`. */
  readonly who: string;
  /** Whom the commands run as: `root` when the rule names nobody (sudo's default), else the Runas list as written (`ALL`, `ALL:ALL`, `DB`). */
  readonly runas: string;
  readonly line: number;
  /** The rule as written (continuations joined). */
  readonly text: string;
}

/** A `Defaults !authenticate` line: nobody is asked for a password. */
export interface NoAuthenticateDefault {
  /** Whom it is for: `millert` of `Defaults:millert`, undefined for everyone. */
  readonly user?: string;
  readonly line: number;
  readonly text: string;
}

const TAG = /^(NOPASSWD|PASSWD|NOEXEC|EXEC|SETENV|NOSETENV|LOG_INPUT|NOLOG_INPUT|LOG_OUTPUT|NOLOG_OUTPUT|MAIL|NOMAIL|FOLLOW|NOFOLLOW|INTERCEPT|NOINTERCEPT):\s*/;
const ALIAS_KINDS = /^(User_Alias|Runas_Alias|Host_Alias|Cmnd_Alias|Cmd_Alias)\s+/;

/**
 * The rules of a sudoers file granting NOPASSWD on ALL commands (directly or through a
 * Cmnd_Alias that contains ALL), and `Defaults !authenticate` lines. Comments, `#include`
 * directives and other Defaults are skipped; tags carry over to the next commands of a rule
 * as sudo applies them.
 */
export function readSudoers(text: string, aliasesAll: Set<string> = new Set()): { rules: NopasswdAllRule[]; noAuthenticate: NoAuthenticateDefault[] } {
  const rules: NopasswdAllRule[] = [];
  const noAuthenticate: NoAuthenticateDefault[] = [];
  for (const { text: statement, line } of statements(text)) {
    const alias = ALIAS_KINDS.exec(statement);
    if (alias) {
      if (alias[1] === 'Cmnd_Alias' || alias[1] === 'Cmd_Alias') {
        for (const definition of statement.slice(alias[0].length).split(':')) {
          const [name, commands] = definition.split('=', 2).map((part) => part.trim());
          if (name && commands !== undefined && commands.split(',').some((command) => isAll(command.trim(), aliasesAll))) aliasesAll.add(name);
        }
      }
      continue;
    }
    if (/^Defaults\b/.test(statement)) {
      const user = /^Defaults:(\S+)/.exec(statement)?.[1];
      if (/(^|[\s,])!\s*authenticate\b/.test(statement.replace(/^Defaults\S*/, ''))) noAuthenticate.push({ ...(user ? { user } : {}), line, text: statement });
      continue;
    }
    const equals = statement.indexOf('=');
    if (equals < 0) continue;
    const who = statement.slice(0, equals).trim().split(/\s+/)[0] ?? '';
    let nopasswd = false;
    let runas = 'root';
    for (const raw of statement.slice(equals + 1).split(',')) {
      let command = raw.trim();
      const spec = /^\(([^)]*)\)\s*/.exec(command);
      if (spec) {
        runas = spec[1]!.replace(/\s+/g, '') || 'root';
        command = command.slice(spec[0].length);
      }
      for (let tag = TAG.exec(command); tag; tag = TAG.exec(command)) {
        if (tag[1] === 'NOPASSWD') nopasswd = true;
        if (tag[1] === 'PASSWD') nopasswd = false;
        command = command.slice(tag[0].length);
      }
      if (nopasswd && isAll(command.trim(), aliasesAll)) {
        rules.push({ who, runas, line, text: statement });
        break;
      }
    }
  }
  return { rules, noAuthenticate };
}

function isAll(command: string, aliasesAll: ReadonlySet<string>): boolean {
  return command === 'ALL' || aliasesAll.has(command);
}

/** Statements with their first line: comments dropped, `\` continuations joined. */
function statements(text: string): { text: string; line: number }[] {
  const result: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/(^|\s)#(?!include|\d).*$/, '').trimEnd();
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    pending = pending ? { text: `${pending.text} ${body.trim()}`, line: pending.line } : { text: body.trim(), line: index + 1 };
    if (continued) continue;
    if (pending.text !== '' && !/^[#@]include/.test(pending.text)) result.push(pending);
    pending = undefined;
  }
  if (pending && pending.text !== '') result.push(pending);
  return result;
}

/** Files sudo reads from an includedir: names with a dot or ending in `~` are skipped, as sudo skips them. */
export function includedSudoersFile(name: string): boolean {
  return !name.includes('.') && !name.endsWith('~');
}
