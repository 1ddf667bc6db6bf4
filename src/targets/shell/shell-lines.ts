/**
 * A script read line by line, for checks that look for a command pattern rather than
 * parse the shell: backslash-continued lines joined into one logical line, `#`
 * comments removed (outside quotes), here-document bodies set apart with the line
 * that opens them (`cat > /etc/ssh/sshd_config <<EOF`). Each physical line belongs to
 * exactly one logical line or one here-document body. It never throws.
 */
export interface ShellLine {
  /** The logical line: continuation pieces joined with a space, the trailing comment removed. */
  readonly text: string;
  /** 1-based physical line where it starts. */
  readonly line: number;
  /** 1-based physical line and column of a character index in `text`. */
  positionAt(index: number): { line: number; column: number };
}

export interface ShellHeredoc {
  /** The logical line with the `<<` operator: says where the body goes. */
  readonly opener: ShellLine;
  readonly delimiter: string;
  /** Body lines as written (leading tabs stripped for `<<-`), each with its physical line. */
  readonly body: readonly { readonly text: string; readonly line: number }[];
}

export interface ShellScript {
  readonly lines: readonly ShellLine[];
  readonly heredocs: readonly ShellHeredoc[];
}

const HEREDOC = /<<(-?)[ \t]*(?:'([^'\n]+)'|"([^"\n]+)"|\\?([A-Za-z_][\w.-]*))/g;

export function readShellScript(text: string): ShellScript {
  const physical = text.split(/\r?\n/);
  const lines: ShellLine[] = [];
  const heredocs: ShellHeredoc[] = [];
  let i = 0;
  while (i < physical.length) {
    const start = i;
    const pieces: { text: string; line: number; offset: number }[] = [];
    let joined = '';
    for (;;) {
      const raw = physical[i]!;
      const continued = endsWithContinuation(raw);
      const piece = continued ? raw.slice(0, -1) : raw;
      pieces.push({ text: piece, line: i + 1, offset: joined.length });
      joined += piece;
      i++;
      if (!continued || i >= physical.length) break;
      joined += ' ';
    }
    const code = stripComment(joined);
    if (code.trim() === '') continue;
    const logical = shellLine(code, start + 1, pieces);
    lines.push(logical);
    for (const match of code.matchAll(HEREDOC)) {
      if (code[match.index - 1] === '<' || code[match.index + 2] === '<') continue; // <<< here-string
      const delimiter = match[2] ?? match[3] ?? match[4]!;
      const strip = match[1] === '-';
      const body: { text: string; line: number }[] = [];
      while (i < physical.length) {
        const raw = physical[i]!;
        const content = strip ? raw.replace(/^\t+/, '') : raw;
        i++;
        if (content === delimiter) break;
        body.push({ text: content, line: i });
      }
      heredocs.push({ opener: logical, delimiter, body });
    }
  }
  return { lines, heredocs };
}

function shellLine(text: string, line: number, pieces: { text: string; line: number; offset: number }[]): ShellLine {
  return {
    text,
    line,
    positionAt(index) {
      let piece = pieces[0]!;
      for (const candidate of pieces) if (candidate.offset <= index) piece = candidate;
      return { line: piece.line, column: Math.max(1, index - piece.offset + 1) };
    },
  };
}

function endsWithContinuation(line: string): boolean {
  let backslashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** The line without a `#` comment: a `#` that starts a word outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '\\') i++;
    else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '#' && (i === 0 || /[\s;&|(]/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

const COMMAND_START = /(?:^|[;&|(`"'!{]|\$\(|\b(?:sudo(?:\s+-\S+)*|doas|exec|then|do|else|time|env|nohup|xargs(?:\s+-\S+)*|command)|\b[A-Za-z_]\w*=(?:'[^']*'|"[^"]*"|\S*))$/;

/**
 * Whether the word at `index` of a logical line is in command position: at the start,
 * after `;` `&&` `|` `(` `$(` or a quote (`ssh host "cmd ..."`), after sudo/exec/env/xargs,
 * or after `VAR=value` prefixes. An argument (`chmod 600 /etc/htpasswd`) is not.
 */
export function isCommandPosition(text: string, index: number): boolean {
  return COMMAND_START.test(text.slice(Math.max(0, index - 200), index).trimEnd());
}

/** A word of a command: quotes removed (expansions kept as written), and where it starts in the logical line. */
export interface ShellWordAt {
  readonly text: string;
  readonly index: number;
  /** Where the word ends in the logical line (exclusive), quotes included. */
  readonly end: number;
}

const WORD = /\d*[<>]+&\d*-?|(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"';|&]+)+|[;|&]+/g;

/** The simple commands of a logical line (split at `;`, `|`, `&&`, `||`, `&`), as words; redirections left out. */
export function commandsOfLine(text: string): ShellWordAt[][] {
  const commands: ShellWordAt[][] = [[]];
  let redirectTarget = false;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (/^[;|&]+$/.test(word)) {
      commands.push([]);
      redirectTarget = false;
    } else if (redirectTarget) redirectTarget = false;
    else if (/^\d*[<>]/.test(word)) redirectTarget = /^\d*[<>]+$/.test(word);
    else commands[commands.length - 1]!.push({ text: unquoteWord(word), index: match.index, end: match.index + word.length });
  }
  return commands.filter((command) => command.length > 0);
}

function unquoteWord(word: string): string {
  return word.replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_, double: string | undefined, single: string | undefined) =>
    double !== undefined ? double.replace(/\\(["\\$`])/g, '$1') : single!,
  );
}

/** Commands and logging functions that print their arguments: a command line in their quotes is a message. */
const PRINTER = /^(?:echo|printf|read|die|fail|fatal|abort|usage|say|note|notice|info|warn|warning|error|err|debug|success|step|msg|log)$|^(?:log|print|echo|msg|info|warn|error)[_-]\w+$|^\w+[_-](?:log|info|warn|warning|error|msg|echo|print)$/i;
const ASSIGNMENT = /^[A-Za-z_]\w*=/;

/**
 * Whether the text at `index` of a logical line is an argument of a command that prints it
 * (`echo "run: curl --insecure …"`, `info "curl … | sh"`), outside any `$(…)` or backquotes in it.
 */
export function isPrintedText(text: string, index: number): boolean {
  for (const command of commandsOfLine(text)) {
    const word = command.find((each) => each.index <= index && index < each.end);
    if (!word) continue;
    const program = command.find((each) => !ASSIGNMENT.test(each.text));
    if (!program || program === word || !PRINTER.test(program.text.slice(program.text.lastIndexOf('/') + 1))) return false;
    const before = text.slice(word.index, index);
    const opened = (before.match(/\$\(/g) ?? []).length - (before.match(/\)/g) ?? []).length;
    return opened <= 0 && (before.match(/`/g) ?? []).length % 2 === 0;
  }
  return false;
}
