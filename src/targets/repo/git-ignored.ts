import { defineIndex } from './shared-index.js';

/**
 * Whether a file of the tree is one the repository's `.gitignore` files leave out of git (a local
 * `.env`): read from the `.gitignore` of the root and of each folder above the file, in git's
 * order (the nearest file last, the last matching line wins, `!` re-includes). Enough of git's
 * syntax for the names people ignore (`.env`, `*.env`, `.env*`, `/config/.env`, `secrets/`).
 */
export type GitIgnored = (file: string) => boolean;

interface IgnoreRule {
  negated: boolean;
  pattern: RegExp;
}

export const gitIgnored = defineIndex<GitIgnored>('repo/git-ignored', (workspace) => {
  const present = new Set(workspace.files('tree'));
  const rulesByFolder = new Map<string, IgnoreRule[]>();
  const rulesOf = (folder: string): IgnoreRule[] => {
    let rules = rulesByFolder.get(folder);
    if (rules) return rules;
    const path = folder === '' ? '.gitignore' : `${folder}/.gitignore`;
    const text = present.has(path) ? workspace.text(path, { binary: 'skip' }) : undefined;
    rules = text === undefined ? [] : parseGitignore(text);
    rulesByFolder.set(folder, rules);
    return rules;
  };
  return (file) => {
    const parts = file.split('/');
    let ignored = false;
    for (let depth = 0; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      const relative = parts.slice(depth).join('/');
      for (const rule of rulesOf(folder)) if (rule.pattern.test(relative)) ignored = !rule.negated;
    }
    return ignored;
  };
});

export function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    // A folder pattern (`secrets/`) ignores everything under it.
    const folder = line.endsWith('/');
    line = line.replace(/\/+$/, '');
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    if (line === '') continue;
    const body = line
      .split('**')
      .map((piece) => piece.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
      .join('.*');
    const source = `${anchored ? '^' : '(?:^|/)'}${body}${folder ? '/' : '(?:$|/)'}`;
    rules.push({ negated, pattern: new RegExp(source) });
  }
  return rules;
}
