/**
 * A small, forgiving reader of POSIX shell command lines: RUN instructions, CI `run:` scripts.
 * It splits a script into pipelines (`a | b`) joined by `&&`, `||`, `;`, `&` and newlines, and
 * each command into words with quotes removed, plus its redirections. Command and process
 * substitutions (`$(...)`, backticks, `<(...)`) stay inside the word that holds them; here-document
 * bodies are skipped. It never throws: unbalanced quotes end at the end of the text.
 */
export interface ShellCommand {
  /** Words with quotes and escapes removed; `$(...)` kept as written. */
  readonly words: readonly string[];
  /** Words as written, quotes included. */
  readonly raw: readonly string[];
  /** Redirections: operator (`>`, `>>`, `2>`, `&>`, `<`, `<<`, ...) and its target word. */
  readonly redirects: readonly { op: string; target: string }[];
  /** 0-based line of the command's first word within the script. */
  readonly line: number;
  /** 0-based line of each word (continuation lines move words down). */
  readonly lines: readonly number[];
}

export interface ShellPipeline {
  readonly commands: readonly ShellCommand[];
  readonly line: number;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Prefix commands that run the command after them. */
const WRAPPERS = new Set(['sudo', 'exec', 'time', 'nice', 'nohup', 'command', 'builtin', 'env', 'doas']);

/** The program a command runs (`/usr/bin/curl` → `curl`), past `VAR=x` prefixes; '' when there is none. */
export function programOf(command: ShellCommand): string {
  return argvOf(command)[0] ?? '';
}

/**
 * The words from the program on, past `VAR=x` prefixes and wrappers such as `sudo` or `env`,
 * with the program reduced to its base name.
 */
export function argvOf(command: ShellCommand): string[] {
  const words = command.words;
  let i = 0;
  for (;;) {
    while (i < words.length && ASSIGNMENT.test(words[i]!)) i++;
    const word = words[i];
    if (word === undefined || !WRAPPERS.has(baseName(word))) break;
    i++;
    // Options of the wrapper (`sudo -u app`, `env -i`): skip flags, and the value of sudo -u/-g.
    while (i < words.length && words[i]!.startsWith('-')) i += /^-[ugCh]$/.test(words[i]!) ? 2 : 1;
  }
  const argv = words.slice(i);
  if (argv.length > 0) argv[0] = baseName(argv[0]!);
  return argv;
}

function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash === -1 ? word : word.slice(slash + 1);
}

const REDIRECT = /^(\d*|&)(>>|>\||>&|>|<<<|<<-|<<|<&|<>|<)$/;

export function parseShell(script: string): ShellPipeline[] {
  const pipelines: ShellPipeline[] = [];
  let commands: ShellCommand[] = [];
  let words: string[] = [];
  let raw: string[] = [];
  let lines: number[] = [];
  let redirects: { op: string; target: string }[] = [];
  let pendingRedirect: string | undefined;
  let commandLine = -1;
  let line = 0;
  const heredocs: string[] = [];

  const endCommand = () => {
    if (words.length > 0 || redirects.length > 0) commands.push({ words, raw, redirects, line: commandLine, lines });
    words = [];
    raw = [];
    lines = [];
    redirects = [];
    pendingRedirect = undefined;
    commandLine = -1;
  };
  const endPipeline = () => {
    endCommand();
    if (commands.length > 0) pipelines.push({ commands, line: commands[0]!.line });
    commands = [];
  };
  const addWord = (value: string, written: string, wordLine: number) => {
    if (pendingRedirect !== undefined) {
      if (pendingRedirect.endsWith('<<') || pendingRedirect.endsWith('<<-')) heredocs.push(value);
      redirects.push({ op: pendingRedirect, target: value });
      pendingRedirect = undefined;
      return;
    }
    if (commandLine === -1) commandLine = wordLine;
    words.push(value);
    raw.push(written);
    lines.push(wordLine);
  };

  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    if (c === '\n') {
      line++;
      i++;
      endPipeline();
      if (heredocs.length > 0) i = skipHeredocs(script, i, heredocs.splice(0), () => line++);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && script[i + 1] === '\n') {
      line++;
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && script[i] !== '\n') i++;
      continue;
    }
    if (c === ';' || c === '&' || c === '|') {
      const two = script.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === ';;') {
        endPipeline();
        i += 2;
        continue;
      }
      if (c === '&' && script[i + 1] === '>') {
        // `&>file` / `&>>file`
        const op = script[i + 2] === '>' ? '&>>' : '&>';
        pendingRedirect = op;
        i += op.length;
        continue;
      }
      if (c === '|') {
        endCommand();
        i += two === '|&' ? 2 : 1;
        continue;
      }
      endPipeline();
      i++;
      continue;
    }
    if ((c === '>' || c === '<') && script[i + 1] !== '(') {
      let op = c;
      let j = i + 1;
      while (j < n && '<>&|-'.includes(script[j]!) && op.length < 3) op += script[j++]!;
      // `2>&1`: the target follows directly
      pendingRedirect = op;
      i = j;
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}') {
      // Subshells and groups: their commands are read as commands of their own.
      if (c === '(' || c === ')' || (words.length === 0 && /[\s;]/.test(script[i + 1] ?? ' '))) {
        endPipeline();
        i++;
        continue;
      }
    }
    // A word: read up to an unquoted separator.
    const start = i;
    const wordLine = line;
    let value = '';
    while (i < n) {
      const ch = script[i]!;
      if (ch === '\\') {
        if (script[i + 1] === '\n') {
          line++;
          i += 2;
          continue;
        }
        value += script[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === "'") {
        const close = script.indexOf("'", i + 1);
        const end = close === -1 ? n : close;
        const body = script.slice(i + 1, end);
        line += countNewlines(body);
        value += body;
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        const end = closingDoubleQuote(script, i + 1);
        const body = script.slice(i + 1, end);
        line += countNewlines(body);
        value += body.replace(/\\(["\\$`])/g, '$1');
        i = end + 1;
        continue;
      }
      if ((ch === '$' || ch === '<' || ch === '>') && script[i + 1] === '(') {
        const end = closingParen(script, i + 2);
        const body = script.slice(i, end + 1);
        line += countNewlines(body);
        value += body;
        i = end + 1;
        continue;
      }
      if (ch === '`') {
        const close = script.indexOf('`', i + 1);
        const end = close === -1 ? n : close;
        value += script.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === ';' || ch === '|' || ch === '&' || ch === ')' || ch === '(') break;
      if ((ch === '>' || ch === '<') && script[i + 1] !== '(') {
        // `2>`, `1>>`: a file descriptor number right before the operator belongs to it.
        if (/^\d+$/.test(value) && value === script.slice(start, i)) {
          let op = value + ch;
          let j = i + 1;
          while (j < n && '<>&|-'.includes(script[j]!) && op.length < value.length + 3) op += script[j++]!;
          pendingRedirect = op;
          value = '';
          i = j;
          break;
        }
        break;
      }
      value += ch;
      i++;
    }
    const written = script.slice(start, i);
    if (written === '' || (value === '' && REDIRECT.test(written))) continue;
    addWord(value, written, wordLine);
  }
  endPipeline();
  return pipelines;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function closingDoubleQuote(script: string, from: number): number {
  let i = from;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '\\') i += 2;
    else if (ch === '"') return i;
    else if (ch === '$' && script[i + 1] === '(') i = closingParen(script, i + 2) + 1;
    else i++;
  }
  return script.length;
}

/** Index of the `)` closing a `$(` whose body starts at `from`, respecting quotes and nesting. */
function closingParen(script: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === '\\') i += 2;
    else if (ch === "'") {
      const close = script.indexOf("'", i + 1);
      i = close === -1 ? script.length : close + 1;
    } else if (ch === '"') i = closingDoubleQuote(script, i + 1) + 1;
    else if (ch === '(') {
      depth++;
      i++;
    } else if (ch === ')') {
      if (--depth === 0) return i;
      i++;
    } else i++;
  }
  return script.length - 1;
}

/** Skips here-document bodies that start at `from`; returns the index after the last delimiter line. */
function skipHeredocs(script: string, from: number, delimiters: string[], onLine: () => void): number {
  let i = from;
  for (const delimiter of delimiters) {
    while (i < script.length) {
      const end = script.indexOf('\n', i);
      const lineText = script.slice(i, end === -1 ? script.length : end);
      i = end === -1 ? script.length : end + 1;
      if (end !== -1) onLine();
      if (lineText.trim() === delimiter) break;
    }
  }
  return i;
}

/** All commands of a script, pipelines flattened, in source order. */
export function commandsOf(pipelines: readonly ShellPipeline[]): ShellCommand[] {
  return pipelines.flatMap((pipeline) => pipeline.commands);
}
