import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { glob } from 'tinyglobby';
import type { LiveClients } from '../live/targets.js';
import { parseYaml, type ParsedYaml } from '../yaml/source.js';

export const FILE_GROUPS = ['manifests', 'dockerfiles', 'compose', 'workflows', 'scripts', 'configs', 'tree'] as const;
export type FileGroup = (typeof FILE_GROUPS)[number];
export type FileGlobs = Record<FileGroup, string[]> & { exclude: string[] };

export const DEFAULT_GLOBS: FileGlobs = {
  manifests: ['**/*.yaml', '**/*.yml'],
  dockerfiles: ['**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile', '**/Containerfile'],
  compose: ['**/docker-compose*.y*ml', '**/compose*.y*ml'],
  workflows: ['.github/workflows/*.y*ml'],
  scripts: ['**/*.sh', '**/*.bash'],
  configs: ['**/sshd_config', '**/sshd_config.d/*.conf', '**/*.conf', '**/.env', '**/.env.*', '**/*.env', '**/config.y*ml', '**/config/*.y*ml', '**/*.ini', '**/*.toml', '**/*.properties'],
  tree: ['**/*'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/vendor/**', '**/.harden/**'],
};

/** Never scanned for secrets: generated files whose hashes look like keys. */
const TREE_EXCLUDE = ['**/package-lock.json', '**/yarn.lock', '**/pnpm-lock.yaml', '**/go.sum', '**/Cargo.lock', '**/poetry.lock', '**/*.min.js', '**/*.map', '**/*.svg'];

/** A problem with an input file: reported as an `error` result, never a crash. */
export interface LoadIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

import { MAX_FILE_BYTES } from '../../limits.js';

export { MAX_FILE_BYTES };

/**
 * The repository as the checks see it: files found once by glob, each read and
 * parsed at most once, targets built once per kind and shared by every check.
 */
export class Workspace {
  readonly issues: LoadIssue[] = [];
  /** Files already reported, so a file read again after a release is reported once. */
  private readonly reported = new Set<string>();
  private readonly fileGroups = new Map<FileGroup, string[]>();
  private readonly parsedYaml = new Map<string, ParsedYaml>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly memos = new Map<string, unknown>();
  /** Files whose text mentions harden-ignore: the only ones worth reading again for inline suppressions. */
  private readonly withIgnoreComments = new Set<string>();

  private constructor(
    readonly root: string,
    readonly globs: FileGlobs,
    /** Clients for the live targets the plan names (sites, domains, services), when it names any. */
    readonly live: LiveClients | undefined,
  ) {}

  static async open(root: string, globs: FileGlobs = DEFAULT_GLOBS, live?: LiveClients): Promise<Workspace> {
    const workspace = new Workspace(root, globs, live);
    const found = await Promise.all(
      FILE_GROUPS.map((group) =>
        glob(globs[group], { cwd: root, ignore: group === 'tree' ? [...globs.exclude, ...TREE_EXCLUDE] : globs.exclude, dot: true, onlyFiles: true }),
      ),
    );
    const compose = new Set(found[FILE_GROUPS.indexOf('compose')]);
    const workflows = new Set(found[FILE_GROUPS.indexOf('workflows')]);
    FILE_GROUPS.forEach((group, i) => {
      let files = found[i]!.map((file) => file.split('\\').join('/')).sort();
      // A compose file or a workflow is YAML but not a manifest.
      if (group === 'manifests') files = files.filter((file) => !compose.has(file) && !workflows.has(file));
      workspace.fileGroups.set(group, files);
    });
    return workspace;
  }

  files(group: FileGroup): readonly string[] {
    return this.fileGroups.get(group) ?? [];
  }

  /**
   * The file's text, or undefined (with a load issue) when it is missing, too large or
   * binary; `binary: 'skip'` leaves binary files out silently (images in a tree scan).
   */
  text(file: string, options: { binary: 'report' | 'skip' } = { binary: 'report' }): string | undefined {
    if (this.texts.has(file)) return this.texts.get(file);
    const text = this.readChecked(file, options.binary);
    this.texts.set(file, text);
    if (text?.includes('harden-ignore')) this.withIgnoreComments.add(file);
    return text;
  }

  mayHaveIgnoreComments(file: string): boolean {
    return this.withIgnoreComments.has(file);
  }

  /** Releases the cached text of a file whose parsed form is all that is needed. */
  forgetText(file: string): void {
    this.texts.delete(file);
  }

  yaml(file: string): ParsedYaml {
    let parsed = this.parsedYaml.get(file);
    if (!parsed) {
      const text = this.text(file);
      parsed = text === undefined ? { documents: [], problems: [] } : parseYaml(text);
      for (const problem of parsed.problems) this.report({ file, ...problem, message: `invalid YAML: ${problem.message}` });
      this.parsedYaml.set(file, parsed);
      this.forgetText(file);
    }
    return parsed;
  }

  /**
   * Drops cached texts and every memo whose key `keep` rejects (targets of kinds no later
   * check needs, indexes, which are rebuilt on demand), so a phase's data can be collected.
   */
  release(keep: (memoKey: string) => boolean): void {
    this.texts.clear();
    for (const key of [...this.memos.keys()]) if (!keep(key)) this.memos.delete(key);
  }

  /** Drops every cache: parsed files, texts, targets, indexes. */
  releaseAll(): void {
    this.release(() => false);
    this.parsedYaml.clear();
  }

  /** Computes a value once per workspace (targets of one kind, indexes). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  private report(issue: LoadIssue): void {
    const key = `${issue.file}\n${issue.line}:${issue.column}\n${issue.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.issues.push(issue);
  }

  private readChecked(file: string, binary: 'report' | 'skip'): string | undefined {
    const path = join(this.root, file);
    try {
      const size = statSync(path).size;
      if (size > MAX_FILE_BYTES) {
        this.report({ file, line: 1, column: 1, message: `skipped: ${(size / 1048576).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1048576} MB limit for a file` });
        return undefined;
      }
      const bytes = readFileSync(path);
      if (bytes.subarray(0, 8000).includes(0)) {
        if (binary === 'skip') return undefined;
        this.report({ file, line: 1, column: 1, message: 'skipped: binary file' });
        return undefined;
      }
      return bytes.toString('utf8');
    } catch (error) {
      this.report({ file, line: 1, column: 1, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return undefined;
    }
  }
}
