import { ciModel, expressionsIn, lineOfScriptLine, type CiStep } from '../../targets/ci/jobs.js';
import { CONTEXT_PATH, eventFileOrigin, workflowTaint, type WorkflowTaint } from '../../targets/ci/taint.js';
import { defineCheck } from '../define.js';

/** Events that run with the base repository's secrets and a write token on input a stranger controls. */
const PRIVILEGED_EVENTS = new Set(['pull_request_target', 'workflow_run', 'issue_comment', 'issues', 'discussion', 'discussion_comment']);

/** A line that appends to the environment file or the path file. */
const ENV_FILE_WRITE = /(?:>>|\btee\s+(?:-a|--append)\s+)\s*"?\$\{?(GITHUB_ENV|GITHUB_PATH)\b/;
/** `name=value` assignments of a shell script, simple enough to follow one level. */
const ASSIGNMENT = /^\s*(?:export\s+|local\s+)?([A-Za-z_]\w*)=(.*)$/;
const SHELL_VAR = /\$\{?([A-Za-z_]\w*)/g;

export const githubEnv = defineCheck({
  id: 'ci/github-env',
  title: 'Privileged workflows do not write untrusted data to GITHUB_ENV or GITHUB_PATH',
  severity: 'high',
  target: 'ci-workflow',
  why:
    'What a step appends to `$GITHUB_ENV` becomes the environment of every later step, and `$GITHUB_PATH` puts ' +
    'directories first on their PATH. In a workflow triggered by pull_request_target, workflow_run, a comment, an ' +
    'issue or a discussion, which runs with secrets and a write token, a value that comes from the event (a title, ' +
    'a branch name) or ' +
    'from a downloaded artifact lets its author add `NODE_OPTIONS=--require=/tmp/x.js`, `LD_PRELOAD=…` or a line ' +
    'break and a second variable, or a directory holding their own `git`: code execution in the privileged job.',
  fix: [
    'Keep untrusted values out of the environment files; pass them to the one step that needs them through env:,',
    'quoted, or validate them against a strict pattern first:',
    '',
    '    - env:',
    '        TITLE: ${{ github.event.pull_request.title }}',
    '      run: ./label.sh "$TITLE"',
    '',
    'In workflow_run, treat downloaded artifacts as data: parse them, never append them to $GITHUB_ENV.',
  ].join('\n'),
  refs: [
    'zizmor github-env',
    'GitHub Security Lab, Keeping your GitHub Actions and workflows secure part 3 (GITHUB_ENV)',
    'GitHub documentation, Workflow commands: environment files',
  ],
  messages: {
    untrusted: 'step "{step}" appends {origin} to {file} in a workflow triggered by {event}',
    artifact: 'step "{step}" appends the content of a file to {file} after an artifact download, in a workflow triggered by {event}',
  },
  peers: [{ tool: 'zizmor', rule: 'github-env' }],
  claims: [{ about: 'privileged workflows do not write untrusted data to GITHUB_ENV', names: ['GITHUB_ENV', 'GITHUB_PATH', ['environment file*', 'workflow*']] }],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    const trigger = model.triggers.find((candidate) => PRIVILEGED_EVENTS.has(candidate.event));
    if (!trigger) return ctx.notApplicable();
    const taint = workflowTaint(model);
    for (const job of model.jobs) {
      let downloaded = false;
      for (const step of job.steps) {
        if (step.uses !== undefined && /download-artifact/i.test(step.uses)) downloaded = true;
        if (step.run === undefined || !/GITHUB_(ENV|PATH)/.test(step.run)) continue;
        const keyLocation = workflow.at([...step.path, 'run']);
        if (keyLocation.kind !== 'file') continue;
        for (const write of writes(step, taint, downloaded)) {
          const at = { ...keyLocation, line: lineOfScriptLine(keyLocation.line, step.run, write.line), column: 1 };
          const place = at.line === keyLocation.line ? keyLocation : at;
          const data = { step: step.label, file: write.file, event: trigger.event, where: `${step.where}:${write.line}` };
          if (write.origin === undefined) ctx.fail(place, 'artifact', data);
          else ctx.fail(place, 'untrusted', { ...data, origin: write.origin });
        }
      }
    }
  },
});

interface Write {
  readonly line: number;
  readonly file: string;
  /** The untrusted field written; undefined for a file's content after an artifact download. */
  readonly origin: string | undefined;
}

function writes(step: CiStep, taint: WorkflowTaint, downloaded: boolean): Write[] {
  const env = taint.stepEnv(step);
  const resolve = (path: string) => taint.origin(path, step.job, env);
  const shellVars = new Map<string, string>();
  const originOf = (text: string): string | undefined => {
    for (const expression of expressionsIn(text)) {
      for (const path of expression.text.match(CONTEXT_PATH) ?? []) {
        const origin = resolve(path);
        if (origin !== undefined) return origin;
      }
    }
    const fromFile = eventFileOrigin(text);
    if (fromFile !== undefined) return fromFile;
    for (const found of text.matchAll(SHELL_VAR)) {
      const origin = shellVars.get(found[1]!) ?? env.get(found[1]!);
      if (origin !== undefined) return origin === found[1] ? origin : `$${found[1]} (${origin})`;
    }
    return undefined;
  };
  const found: Write[] = [];
  step.run!.split('\n').forEach((text, line) => {
    const assignment = ASSIGNMENT.exec(text);
    if (assignment) {
      const origin = originOf(assignment[2]!);
      if (origin !== undefined) shellVars.set(assignment[1]!, origin);
    }
    const write = ENV_FILE_WRITE.exec(text);
    if (!write) return;
    const value = text.slice(0, write.index);
    const origin = originOf(value);
    if (origin !== undefined) found.push({ line, file: `$${write[1]}`, origin });
    else if (downloaded && /\bcat\b|<\s*\S/.test(value)) found.push({ line, file: `$${write[1]}`, origin: undefined });
  });
  return found;
}
