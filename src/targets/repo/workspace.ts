import { join } from 'node:path';
import { readBounded, type UnreadReason } from '../../bounded-read.js';
import { MAX_FILE_BYTES } from '../../limits.js';
import type { LiveClients } from '../live/targets.js';
import { goTemplateLine } from '../yaml/go-template.js';
import { parseYaml, type ParsedYaml, type YamlDocument } from '../yaml/source.js';
import { helmCharts, type HelmChart } from './helm-charts.js';
import { globMatcher } from './tree-globs.js';
import { walkTree, type TreeFile } from './tree-walk.js';

export const FILE_GROUPS = ['manifests', 'dockerfiles', 'compose', 'workflows', 'scripts', 'configs', 'tree'] as const;
export type FileGroup = (typeof FILE_GROUPS)[number];
export type FileGlobs = Record<FileGroup, string[]> & { exclude: string[] };

export const DEFAULT_GLOBS: FileGlobs = {
  manifests: ['**/*.yaml', '**/*.yml'],
  dockerfiles: ['**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile', '**/Containerfile', '**/Containerfile.*'],
  compose: ['**/docker-compose*.y*ml', '**/compose*.y*ml'],
  workflows: ['.github/workflows/*.y*ml'],
  scripts: ['**/*.sh', '**/*.bash'],
  configs: ['**/sshd_config', '**/sshd_config.d/*.conf', '**/*.conf', '**/.env', '**/.env.*', '**/*.env', '**/config.y*ml', '**/config/*.y*ml', '**/*.ini', '**/*.toml', '**/*.properties'],
  tree: ['**/*'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/vendor/**', '**/.harden/**'],
};

/**
 * How a group's globs match names: Dockerfiles and compose files are named in any case
 * (`docker/dockerfile`, `base.dockerfile`, `Docker-compose.yml`), and `Dockerfile.*` is
 * never a document, a program or a Dockerfile's own ignore file.
 */
const MATCHING: Partial<Record<FileGroup, { nocase: boolean; ignore?: string[] }>> = {
  dockerfiles: { nocase: true, ignore: ['**/*.{md,txt,rst,html,go,js,mjs,ts,py,rb,rs,java,json,yaml,yml,toml,sh,bash,ps1,dockerignore,orig,rej,bak,swp}'] },
  compose: { nocase: true },
};

/** Never scanned for secrets: generated files whose hashes look like keys. */
const TREE_EXCLUDE = ['**/package-lock.json', '**/yarn.lock', '**/pnpm-lock.yaml', '**/go.sum', '**/Cargo.lock', '**/poetry.lock', '**/*.min.js', '**/*.map', '**/*.svg'];

/**
 * A problem with an input file, never a crash: an `error` result (it could not be checked),
 * or a `skipped` one (the tree's boundary left it out: a link out of the repository, a loop, a FIFO).
 */
export interface LoadIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  status: 'error' | 'skipped';
}


/**
 * The repository as the checks see it: files found by one walk of the tree, each read and
 * parsed at most once, targets built once per kind and shared by every check.
 */
export class Workspace {
  readonly issues: LoadIssue[] = [];
  /** Files already reported, so a file read again after a release is reported once. */
  private readonly reported = new Set<string>();
  private readonly fileGroups = new Map<FileGroup, string[]>();
  private readonly parsedYaml = new Map<string, ParsedYaml>();
  /** Text by file; BINARY for a binary file (reported or not, depending on who asks); undefined when unreadable (reported). */
  private readonly texts = new Map<string, string | typeof BINARY | undefined>();
  private readonly memos = new Map<string, unknown>();
  /** Files whose text mentions harden-ignore: the only ones worth reading again for inline suppressions. */
  private readonly withIgnoreComments = new Set<string>();
  /** Texts given rather than read from the tree (standard input). */
  private readonly given = new Map<string, string>();
  /** Templates of Helm charts: never parsed as YAML (their chart is reported once). */
  private readonly chartTemplates = new Set<string>();
  /** Compose files and workflows: YAML whose values may hold `{{ … }}` of their own tool. */
  private readonly ownTemplates = new Set<string>();
  /** The Helm charts of the tree, deepest first. */
  private helmCharts: readonly HelmChart[] = [];

  private constructor(
    readonly root: string,
    readonly globs: FileGlobs,
    /** Clients for the live targets the plan names (sites, domains, services), when it names any. */
    readonly live: LiveClients | undefined,
  ) {}

  /**
   * Walks the tree once (never leaving `root`: see walkTree; only the folder `within` when given)
   * and sorts its files into the groups their globs match. What the walk could not or would not read is reported, once.
   */
  static async open(root: string, globs: FileGlobs = DEFAULT_GLOBS, live?: LiveClients, within = ''): Promise<Workspace> {
    const workspace = new Workspace(root, globs, live);
    const excluded = globMatcher(globs.exclude);
    // `within` a folder: only the folders on the way to it and under it are walked.
    const outside = (path: string) => within !== '' && path !== within && !path.startsWith(`${within}/`) && !within.startsWith(`${path}/`);
    const tree = walkTree(root, (dir) => excluded(dir) || outside(dir));
    tree.files = tree.files.filter((file) => !outside(file.path));
    tree.notRead = tree.notRead.filter((entry) => !outside(entry.path));
    const found = FILE_GROUPS.map((group) => {
      const matches = globMatcher(globs[group], MATCHING[group]);
      const ignored = group === 'tree' ? globMatcher([...globs.exclude, ...TREE_EXCLUDE]) : excluded;
      return readOnce(tree.files.filter((file) => matches(file.path) && !ignored(file.path)));
    });
    const compose = new Set(found[FILE_GROUPS.indexOf('compose')]);
    const workflows = new Set(found[FILE_GROUPS.indexOf('workflows')]);
    const charts = helmCharts(tree.files.map((file) => file.path));
    workspace.helmCharts = charts;
    const chartsLeftOut = new Map<HelmChart, Set<string>>();
    FILE_GROUPS.forEach((group, i) => {
      let files = found[i]!;
      // A compose file or a workflow is YAML but not a manifest.
      if (group === 'manifests') files = files.filter((file) => !compose.has(file) && !workflows.has(file));
      // A chart's templates are not YAML until rendered: no manifests (nor compose files, workflows);
      // config checks that read lines and the tree's secret scan still read them, and never as YAML (see yaml()).
      if (YAML_GROUPS.has(group))
        files = files.filter((file) => {
          const chart = charts.find((candidate) => candidate.holdsTemplate(file));
          if (!chart) return true;
          workspace.chartTemplates.add(file);
          if (group === 'manifests' || group === 'configs') chartsLeftOut.set(chart, (chartsLeftOut.get(chart) ?? new Set()).add(file));
          return group === 'configs';
        });
      workspace.fileGroups.set(group, files);
    });
    for (const [chart, templates] of chartsLeftOut) workspace.report({ file: chart.file, line: 1, column: 1, message: chartMessage(chart, templates.size), status: 'skipped' });
    for (const group of ['compose', 'workflows'] as const) for (const file of workspace.files(group)) workspace.ownTemplates.add(file);
    for (const entry of tree.notRead)
      if (!excluded(entry.path)) workspace.report({ file: entry.path, line: 1, column: 1, message: entry.reason, status: entry.error ? 'error' : 'skipped' });
    return workspace;
  }

  /**
   * A workspace of one text given whole (Kubernetes manifests piped to `harden scan -`), named
   * `file` in results, in the groups given; it has no tree around it.
   */
  static ofText(file: string, text: string, groups: readonly FileGroup[]): Workspace {
    const workspace = new Workspace('', DEFAULT_GLOBS, undefined);
    workspace.given.set(file, text);
    for (const group of FILE_GROUPS) workspace.fileGroups.set(group, groups.includes(group) ? [file] : []);
    return workspace;
  }

  /** The Helm charts the walk found (a folder with Chart.yaml and templates/), deepest first. */
  get charts(): readonly HelmChart[] {
    return this.helmCharts;
  }

  files(group: FileGroup): readonly string[] {
    return this.fileGroups.get(group) ?? [];
  }

  /**
   * The file's text, or undefined (with a load issue) when it is missing, too large or
   * binary; `binary: 'skip'` leaves binary files out silently (images in a tree scan).
   */
  text(file: string, options: { binary: 'report' | 'skip' } = { binary: 'report' }): string | undefined {
    let text = this.texts.get(file);
    if (text === undefined && !this.texts.has(file)) {
      text = this.readChecked(file);
      this.texts.set(file, text);
      if (typeof text === 'string' && text.includes('harden-ignore')) this.withIgnoreComments.add(file);
    }
    if (text !== BINARY) return text;
    // Whoever reads it as a target (a manifest, a Dockerfile) must hear it could not be checked,
    // even when a tree-wide reader that skips binary files came first.
    if (options.binary === 'report') this.report({ file, line: 1, column: 1, message: 'skipped: binary file', status: 'error' });
    return undefined;
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
      if (this.chartTemplates.has(file)) {
        this.parsedYaml.set(file, NOTHING_PARSED);
        return NOTHING_PARSED;
      }
      const text = this.text(file);
      parsed = text === undefined ? NOTHING_PARSED : parseYaml(text);
      // A template is not read as YAML: when it does not parse, or when it parses into objects (a `kind:`)
      // whose values are template actions. Other YAML may hold `{{ … }}` values of its own tool
      // (swarm's `{{.Task.Slot}}` in compose, GoReleaser's `{{.Version}}`): those files are read as written.
      const templateLine = text === undefined ? undefined : goTemplateLine(text);
      if (templateLine !== undefined && (parsed.problems.length > 0 || (!this.ownTemplates.has(file) && parsed.documents.some(namesAKind)))) {
        this.report({ file, line: templateLine, column: 1, message: TEMPLATE_MESSAGE, status: 'skipped' });
        parsed = NOTHING_PARSED;
      }
      const [first, ...more] = parsed.problems;
      // One error per file: a file that is not YAML at all gives one per token, hundreds.
      if (first) this.report({ file, ...first, message: `invalid YAML: ${first.message}${more.length > 0 ? ` (and ${more.length} more YAML ${more.length === 1 ? 'error' : 'errors'} after it)` : ''}`, status: 'error' });
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

  /** The file's text, BINARY, or undefined after reporting why it could not be read. */
  private readChecked(file: string): string | typeof BINARY | undefined {
    const given = this.given.get(file);
    if (given !== undefined) return given.slice(0, 8000).includes('\0') ? BINARY : given;
    const read = readBounded(join(this.root, file), MAX_FILE_BYTES);
    if ('unread' in read) {
      this.report({ file, line: 1, column: 1, message: unreadMessage(read.unread), status: 'error' });
      return undefined;
    }
    if (read.bytes.subarray(0, 8000).includes(0)) return BINARY;
    return read.bytes.toString('utf8');
  }
}

const BINARY = Symbol('binary file');

const NOTHING_PARSED: ParsedYaml = Object.freeze({ documents: [], problems: [] });

/** The groups whose files are read as YAML. */
const YAML_GROUPS: ReadonlySet<FileGroup> = new Set(['manifests', 'compose', 'workflows', 'configs']);

function namesAKind(document: YamlDocument): boolean {
  const data = document.data;
  return data !== null && typeof data === 'object' && typeof (data as Record<string, unknown>).kind === 'string';
}

const TEMPLATE_MESSAGE =
  'skipped: a Go template (`{{ … }}` in the YAML itself), not YAML: what it means is only known once rendered; render it and check the output (… | harden scan -), or leave it out with targets.exclude';

function chartMessage(chart: HelmChart, templates: number): string {
  const dir = chart.dir || '.';
  return (
    `skipped: a Helm chart (${templates} ${templates === 1 ? 'template' : 'templates'} under ${chart.dir ? `${chart.dir}/` : ''}templates/): ` +
    `templates are not Kubernetes YAML until rendered; check the rendered manifests: helm template NAME ${dir} | harden scan -`
  );
}

function unreadMessage(reason: UnreadReason): string {
  const limit = `the ${MAX_FILE_BYTES / 1048576} MB limit for a file`;
  switch (reason.kind) {
    case 'cannot-open':
    case 'cannot-read':
      return `cannot read: ${reason.code}`;
    case 'not-a-file':
      return 'skipped: not a regular file';
    case 'too-large':
      return reason.grew ? `skipped: it grew past ${limit} while it was read` : `skipped: ${(reason.bytes / 1048576).toFixed(1)} MB is over ${limit}`;
  }
}

/**
 * A file reached under two paths (a link to another file of the tree) is read once, under its
 * own path when that is among the files, else under the first link's.
 */
function readOnce(files: readonly TreeFile[]): string[] {
  const byReal = new Map<string, string>();
  for (const file of files) {
    const kept = byReal.get(file.real);
    if (kept === undefined || file.path === file.real) byReal.set(file.real, file.path);
  }
  return [...byReal.values()].sort();
}
