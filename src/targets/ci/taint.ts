import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import { expressionsIn, usesAction, type CiJob, type CiModel, type CiStep } from './jobs.js';

/** Context paths whose value a stranger writes: titles, bodies, branch names, commit messages, emails. */
const UNTRUSTED = [
  /^github\.event\.(issue|pull_request|discussion)\.(title|body)$/,
  /^github\.event\.(comment|review|review_comment)\.body$/,
  /^github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)$/,
  /^github\.event\.(head_commit|workflow_run\.head_commit)\.(message|author\.(email|name)|committer\.(email|name))$/,
  /^github\.event\.commits\.[^.]+\.(message|author\.(email|name)|committer\.(email|name))$/,
  /^github\.event\.pages\.[^.]+\.page_name$/,
  /^github\.event\.workflow_run\.(head_branch|display_title|head_repository\.description)$/,
  /^github\.head_ref$/,
  // Whole event objects, as in toJSON(github.event): they hold every field above.
  /^github\.event(\.(issue|pull_request|comment|review|review_comment|discussion|head_commit|commits|workflow_run))?$/,
];

/** Context paths inside an expression: `github.event.commits[0].message`, `steps.meta.outputs.title`. */
export const CONTEXT_PATH = /\b(?:github|inputs|env|steps|needs|matrix)(?:\.[\w-]+|\[[^\]]*\]|\.\*)+/g;

export function isUntrusted(path: string): boolean {
  const normalised = normalise(path);
  return UNTRUSTED.some((pattern) => pattern.test(normalised));
}

/** `github.event.commits[0].message` → `github.event.commits.0.message`; `['title']` → `.title`. */
function normalise(path: string): string {
  return path.replace(/\[['"]?([^\]'"]*)['"]?\]/g, '.$1');
}

/**
 * An untrusted field a shell text reads from the event payload file: `jq -r .pull_request.title
 * "$GITHUB_EVENT_PATH"` reads github.event.pull_request.title.
 */
export function eventFileOrigin(text: string): string | undefined {
  if (!text.includes('GITHUB_EVENT_PATH')) return undefined;
  for (const match of text.matchAll(/(?<![\w$])\.([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*|\[\d*\])*)/g)) {
    const field = `github.event.${match[1]!.replace(/\[\d*\]/g, '.0')}`;
    if (isUntrusted(field) && field !== 'github.event') return `${field} (read from $GITHUB_EVENT_PATH)`;
  }
  return undefined;
}

/** The untrusted field a text's expressions name, directly or through a value already traced. */
type Resolve = (path: string) => string | undefined;

function originIn(text: string, resolve: Resolve): string | undefined {
  if (!text.includes('${{')) return undefined;
  for (const expression of expressionsIn(text)) {
    for (const path of expression.text.match(CONTEXT_PATH) ?? []) {
      const origin = resolve(path);
      if (origin !== undefined) return origin;
    }
  }
  return undefined;
}

/**
 * What carries untrusted event data within one workflow, as far as it can be read: env
 * variables bound to it (workflow, job, step, and `>> $GITHUB_ENV` of an earlier step), step
 * outputs written from it (`echo "title=…" >> $GITHUB_OUTPUT`, `core.setOutput`), job outputs
 * made of those, and matrix values built from it.
 */
export interface WorkflowTaint {
  /** The untrusted field `path` carries for a step of `job` seeing `env`, or undefined. */
  origin(path: string, job: CiJob, env: ReadonlyMap<string, string>): string | undefined;
  /** The env variables a step sees that carry untrusted data, by name. */
  stepEnv(step: CiStep): ReadonlyMap<string, string>;
}

interface JobTaint {
  readonly stepEnvs: Map<CiStep, ReadonlyMap<string, string>>;
  readonly outputs: Map<string, string>;
  readonly matrix: Map<string, string>;
}

export function workflowTaint(model: CiModel): WorkflowTaint {
  const jobOutputs = new Map<string, string>();
  const jobs = new Map<CiJob, JobTaint>();
  const workflowEnv = boundEnv(model.env, new Map(), (path) => (isUntrusted(path) ? path : undefined));
  const origin = (path: string, job: CiJob, env: ReadonlyMap<string, string>): string | undefined => {
    if (isUntrusted(path)) return path;
    const parts = normalise(path).split('.');
    if (parts[0] === 'env' && parts.length === 2) return env.get(parts[1]!);
    if (parts[0] === 'steps' && parts[2] === 'outputs' && parts.length === 4) return jobs.get(job)?.outputs.get(`${parts[1]}.${parts[3]}`);
    if (parts[0] === 'needs' && parts[2] === 'outputs' && parts.length === 4) return jobOutputs.get(`${parts[1]}.${parts[3]}`);
    if (parts[0] === 'matrix' && parts.length >= 2) return jobs.get(job)?.matrix.get(parts[1]!) ?? jobs.get(job)?.matrix.get('*');
    return undefined;
  };
  // Jobs read their needs' outputs: a few rounds reach chains of jobs in any order of the file.
  for (let round = 0; round < Math.min(model.jobs.length, 4); round++) {
    for (const job of model.jobs) {
      const traced = traceJob(job, workflowEnv, origin, jobs);
      jobs.set(job, traced);
      for (const [name, value] of Object.entries(asRecord(job.data.outputs) ?? {})) {
        const from = typeof value === 'string' ? originIn(value, (path) => origin(path, job, new Map())) : undefined;
        if (from !== undefined) jobOutputs.set(`${job.id}.${name}`, from);
      }
    }
  }
  return {
    origin,
    stepEnv: (step) => jobs.get(step.job)?.stepEnvs.get(step) ?? workflowEnv,
  };
}

function traceJob(job: CiJob, workflowEnv: ReadonlyMap<string, string>, origin: WorkflowTaint['origin'], jobs: Map<CiJob, JobTaint>): JobTaint {
  const traced: JobTaint = { stepEnvs: new Map(), outputs: new Map(), matrix: new Map() };
  jobs.set(job, traced);
  const outer = (path: string) => origin(path, job, workflowEnv);
  const written = asRecord(job.data.strategy)?.matrix;
  const matrix = asRecord(written);
  if (matrix) {
    const entries = Object.entries(matrix).flatMap(([key, value]) =>
      key === 'include' ? asArray(value).flatMap((entry) => Object.entries(asRecord(entry) ?? {})) : key === 'exclude' ? [] : [[key, value] as const],
    );
    for (const [key, value] of entries) {
      const from = originIn(JSON.stringify(value) ?? '', outer);
      if (from !== undefined) traced.matrix.set(key, from);
    }
  } else if (typeof written === 'string') {
    const from = originIn(written, outer);
    if (from !== undefined) traced.matrix.set('*', from);
  }
  let env = boundEnv(job.env, workflowEnv, (path) => origin(path, job, workflowEnv));
  for (const step of job.steps) {
    const stepEnv = boundEnv(step.env, env, (path) => origin(path, job, env));
    traced.stepEnvs.set(step, stepEnv);
    const id = asString(step.data.id);
    for (const write of writesOf(step, (path) => origin(path, job, stepEnv), stepEnv)) {
      if (write.file === 'GITHUB_OUTPUT' && id !== undefined) traced.outputs.set(`${id}.${write.name}`, write.origin);
      if (write.file === 'GITHUB_ENV') env = new Map(env).set(write.name, write.origin);
    }
  }
  return traced;
}

/** Env variables bound to an untrusted field, by name, layered over the outer level's. */
function boundEnv(env: YamlRecord, outer: ReadonlyMap<string, string>, resolve: Resolve): ReadonlyMap<string, string> {
  let result: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(env)) {
    const text = asString(value);
    const field = text === undefined ? undefined : originIn(text, resolve);
    if (field !== undefined) (result ??= new Map(outer)).set(name, field);
    else if (outer.has(name)) (result ??= new Map(outer)).delete(name);
  }
  return result ?? outer;
}

interface Write {
  readonly file: 'GITHUB_OUTPUT' | 'GITHUB_ENV';
  readonly name: string;
  readonly origin: string;
}

const WRITE_LINE = /\b(?:echo|printf)\b[^\n]*?\b([A-Za-z_][\w-]*)(=|<<)[^\n]*>>\s*"?\$\{?(GITHUB_OUTPUT|GITHUB_ENV)\b/;
const SHELL_VAR = /\$\{?([A-Za-z_]\w*)/g;
const SET_OUTPUT = /core\.(setOutput|exportVariable)\(\s*['"]([\w-]+)['"]\s*,([^\n]*)/g;

/** `name=value >> $GITHUB_OUTPUT` lines (and github-script's core.setOutput) whose value carries untrusted data. */
function writesOf(step: CiStep, resolve: Resolve, env: ReadonlyMap<string, string>): Write[] {
  const writes: Write[] = [];
  if (step.run !== undefined && /GITHUB_(OUTPUT|ENV)/.test(step.run)) {
    const lines = step.run.split('\n');
    for (const line of lines) {
      const match = WRITE_LINE.exec(line);
      if (!match) continue;
      // A heredoc (`name<<EOF`) takes its value from the lines after: the whole script is read.
      const value = match[2] === '<<' ? step.run : line.slice(match.index + match[0].indexOf(match[2]!));
      const from = originIn(value, resolve) ?? eventFileOrigin(value) ?? [...value.matchAll(SHELL_VAR)].map((found) => env.get(found[1]!)).find((field) => field !== undefined);
      if (from !== undefined) writes.push({ file: match[3] as Write['file'], name: match[1]!, origin: from });
    }
  }
  if (usesAction(step.uses, 'actions/github-script')) {
    const script = asString(step.with.script) ?? '';
    for (const match of script.matchAll(SET_OUTPUT)) {
      const value = match[3]!;
      const from = originIn(value, resolve) ?? (/context\.payload\b/.test(value) ? 'context.payload' : undefined);
      if (from !== undefined) writes.push({ file: match[1] === 'setOutput' ? 'GITHUB_OUTPUT' : 'GITHUB_ENV', name: match[2]!, origin: from });
    }
  }
  return writes;
}
