import { defineIndex } from '../repo/shared-index.js';

/**
 * What a Dockerfile's build context holds and hides: the .dockerignore files of the tree and
 * the env files in it, indexed once per workspace from the tree file list.
 */
export interface BuildContextIndex {
  /** Parsed .dockerignore rules by the directory that holds them ('' for the root); `<name>.dockerignore` by its Dockerfile path. */
  readonly ignores: ReadonlyMap<string, IgnoreFile>;
  /** Env files of the tree (`.env`, `.env.production`, `prod.env`), repo-relative. */
  readonly envFiles: readonly string[];
}

export interface IgnoreFile {
  readonly path: string;
  readonly rules: readonly IgnoreRule[];
}

interface IgnoreRule {
  readonly negate: boolean;
  readonly pattern: RegExp;
}

/** Env files that hold real values; examples and templates are meant to be shipped or committed. */
const ENV_FILE = /^(\.env(\.[^/]+)?|[^/]+\.env)$/;
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults?|tpl)$/i;

export function isEnvFileName(name: string): boolean {
  return ENV_FILE.test(name) && !ENV_TEMPLATE.test(name);
}

export const buildContextIndex = defineIndex<BuildContextIndex>('docker-build-context', (workspace) => {
  const ignores = new Map<string, IgnoreFile>();
  const envFiles: string[] = [];
  for (const file of workspace.files('tree')) {
    const slash = file.lastIndexOf('/');
    const dir = slash === -1 ? '' : file.slice(0, slash);
    const name = file.slice(slash + 1);
    if (isEnvFileName(name)) envFiles.push(file);
    if (name === '.dockerignore' || name.endsWith('.dockerignore')) {
      const text = workspace.text(file, { binary: 'skip' });
      if (text === undefined) continue;
      const key = name === '.dockerignore' ? dir : file.slice(0, -'.dockerignore'.length);
      ignores.set(key, readIgnoreFile(file, text));
    }
  }
  return { ignores, envFiles };
});

/**
 * The .dockerignore that applies to a Dockerfile and the context directory it guards:
 * `<Dockerfile>.dockerignore` beside it, else the nearest `.dockerignore` in its directory or
 * an ancestor (the build context is usually the Dockerfile's directory or the repository root).
 */
export function ignoreFor(index: BuildContextIndex, dockerfile: string): { context: string; ignore: IgnoreFile } | undefined {
  const own = index.ignores.get(dockerfile);
  let dir = parentOf(dockerfile);
  if (own) return { context: dir, ignore: own };
  for (;;) {
    const ignore = index.ignores.get(dir);
    if (ignore) return { context: dir, ignore };
    if (dir === '') return undefined;
    dir = parentOf(dir);
  }
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Whether the rules exclude a context-relative path: the last matching rule wins, `!` re-includes. */
export function isIgnored(ignore: IgnoreFile, relative: string): boolean {
  let ignored = false;
  for (const rule of ignore.rules) if (rule.pattern.test(relative)) ignored = !rule.negate;
  return ignored;
}

export function readIgnoreFile(path: string, text: string): IgnoreFile {
  return { path, rules: parseIgnore(text) };
}

function parseIgnore(text: string): IgnoreRule[] {
  return text.split(/\r?\n/).flatMap((raw): IgnoreRule[] => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return [];
    const negate = line.startsWith('!');
    const pattern = (negate ? line.slice(1) : line).trim().replace(/^\/+|^\.\/|\/+$/g, '');
    return pattern === '' ? [] : [{ negate, pattern: globToRegExp(pattern) }];
  });
}

/** Docker's pattern syntax (Go filepath.Match plus `**`); a pattern also covers everything under a matching directory. */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}
