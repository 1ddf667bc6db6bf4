import { defineIndex } from '../repo/shared-index.js';

/**
 * nginx configuration read as directives: `name arg ...;` statements and `name arg ... { ... }`
 * blocks, with `#` comments dropped, quoted strings unquoted and 1-based positions. It never
 * throws: an unclosed block ends at the end of the file, a stray `}` is ignored.
 */
export interface NginxDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly line: number;
  readonly column: number;
  /** The directives inside `{ ... }`; undefined for a statement. */
  readonly block?: readonly NginxDirective[];
}

interface Token {
  text: string;
  quoted: boolean;
  line: number;
  column: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      lineStart = ++i;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') i++;
    else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '{' || ch === '}' || ch === ';') {
      tokens.push({ text: ch, quoted: false, line, column: i - lineStart + 1 });
      i++;
    } else {
      const column = i - lineStart + 1;
      const startLine = line;
      let out = '';
      let quoted = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"' || c === "'") {
          quoted = true;
          i++;
          while (i < text.length && text[i] !== c) {
            if (text[i] === '\\' && i + 1 < text.length) {
              out += unescape(text[i + 1]!);
              i += 2;
              continue;
            }
            if (text[i] === '\n') {
              line++;
              lineStart = i + 1;
            }
            out += text[i];
            i++;
          }
          i++;
        } else if (c === '\\' && i + 1 < text.length) {
          out += unescape(text[i + 1]!);
          i += 2;
        } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '{' || c === '}') break;
        else {
          out += c;
          i++;
        }
      }
      tokens.push({ text: out, quoted, line: startLine, column });
    }
  }
  return tokens;
}

/** nginx unescapes `\"`, `\'`, `\\` and `\t\r\n`; any other backslash stays (regular expressions). */
function unescape(next: string): string {
  if (next === '"' || next === "'" || next === '\\') return next;
  if (next === 't') return '\t';
  if (next === 'r') return '\r';
  if (next === 'n') return '\n';
  return `\\${next}`;
}

/** The directives of an nginx config file, blocks nested. */
export function parseNginx(text: string): NginxDirective[] {
  const tokens = tokenize(text);
  let position = 0;
  const readBlock = (depth: number): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    let words: Token[] = [];
    while (position < tokens.length) {
      const token = tokens[position++]!;
      if (!token.quoted && token.text === ';') {
        if (words.length > 0) directives.push(directive(words));
        words = [];
      } else if (!token.quoted && token.text === '{') {
        const head = words.length > 0 ? words : [token];
        const block = depth < 64 ? readBlock(depth + 1) : [];
        directives.push({ ...directive(head), block });
        words = [];
      } else if (!token.quoted && token.text === '}') {
        if (depth > 0) break;
      } else words.push(token);
    }
    if (words.length > 0) directives.push(directive(words));
    return directives;
  };
  return readBlock(0);
}

function directive(words: Token[]): NginxDirective {
  const [first, ...rest] = words;
  return { name: first!.text, args: rest.map((word) => word.text), line: first!.line, column: first!.column };
}

const NGINX_DIRECTIVES = new Set(['http', 'server', 'location', 'upstream', 'events', 'add_header', 'server_tokens', 'listen', 'server_name', 'proxy_pass', 'more_set_headers', 'root', 'ssl_certificate']);

/** Whether parsed directives look like nginx (not sshd_config or another `.conf`). */
export function looksLikeNginx(directives: readonly NginxDirective[]): boolean {
  return directives.some((d) => NGINX_DIRECTIVES.has(d.name) && (d.block !== undefined || d.args.length > 0));
}

/** Parsed nginx configs of the workspace's config files (`*.conf` that look like nginx), by path. */
export const nginxFilesIndex = defineIndex<ReadonlyMap<string, readonly NginxDirective[]>>('config/nginx-files', (workspace) => {
  const files = new Map<string, readonly NginxDirective[]>();
  for (const file of workspace.files('configs')) {
    if (!file.endsWith('.conf')) continue;
    const text = workspace.text(file, { binary: 'skip' });
    if (text === undefined) continue;
    const directives = parseNginx(text);
    if (looksLikeNginx(directives)) files.set(file, directives);
  }
  return files;
});

/**
 * Resolves an `include` against the repository's nginx files by its last two path segments
 * (`/etc/nginx/snippets/headers.conf` finds `nginx/snippets/headers.conf`), globs allowed;
 * undefined when nothing matches (the file lives outside the repository).
 */
export function includeResolver(files: ReadonlyMap<string, readonly NginxDirective[]>): (pattern: string) => readonly NginxDirective[] | undefined {
  return (pattern) => {
    const segments = pattern.split('/').filter((segment) => segment !== '' && segment !== '.');
    const tail = segments.slice(-2).map(globToRegExp);
    const matched = [...files.entries()].filter(([path]) => {
      const parts = path.split('/');
      if (parts.length < tail.length) return false;
      const last = parts.slice(-tail.length);
      return tail.every((regex, i) => regex.test(last[i]!));
    });
    return matched.length === 0 ? undefined : matched.flatMap(([, directives]) => directives);
  };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}
