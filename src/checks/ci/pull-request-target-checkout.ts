import { ciModel, scriptOf, usesAction, type CiStep } from '../../targets/ci/jobs.js';
import { argvOf, commandsOf } from '../../targets/shell/command-line.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Events that run with the base repository's secrets and a write token while the code comes from a fork. */
const PRIVILEGED_EVENTS = new Set(['pull_request_target', 'workflow_run', 'issue_comment']);

/** Expressions that name the untrusted head of a pull request (or of the run that triggered workflow_run). */
const PR_HEAD = /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|github\.event\.workflow_run\.pull_requests|refs\/pull\//;

export const pullRequestTargetCheckout = defineCheck({
  id: 'ci/pull-request-target-checkout',
  title: 'Privileged pull request triggers do not check out and run the pull request code',
  severity: 'critical',
  target: 'ci-workflow',
  why:
    '`pull_request_target`, `workflow_run` and `issue_comment` run in the context of the base repository: the job gets ' +
    'its secrets and a GITHUB_TOKEN that can write, even when the pull request comes from a fork (and anyone can ' +
    'comment on a public pull request). Checking out the pull request head ' +
    'and then building, testing or installing it runs the attacker\'s code (a package.json script, a Makefile, a ' +
    'modified action) with those secrets: the "pwn request" that has compromised many open-source projects.',
  fix: [
    'Build and test pull request code under `pull_request`, which has no secrets and a read-only token:',
    '',
    '    on:',
    '      pull_request:',
    '    permissions:',
    '      contents: read',
    '',
    'Keep `pull_request_target` for jobs that never touch the pull request\'s files (labelling, commenting). When results',
    'must flow back, upload them as an artifact from the `pull_request` run and consume them, as data only, in a',
    'separate `workflow_run` job.',
  ].join('\n'),
  refs: [
    'GitHub Security Lab, Keeping your GitHub Actions and workflows secure: preventing pwn requests',
    'GitHub documentation, Events that trigger workflows: pull_request_target',
    'zizmor dangerous-triggers',
    'OpenSSF Scorecard Dangerous-Workflow',
  ],
  messages: {
    checkoutHead: '{event} runs with secrets and a write token, and step "{step}" checks out the pull request head ({ref})',
  },
  peers: [{ tool: 'zizmor', rule: 'dangerous-triggers' }],
  claims: [
    {
      about: 'privileged triggers do not run pull request code',
      names: [
        'pull_request_target',
        'pwn request*',
        ['workflow_run', 'checkout'],
        ['workflow_run', 'untrusted'],
        ['issue_comment', 'checkout'],
        ['fork*', 'pull request*', 'secret*'],
        ['fork*', 'PRs', 'secret*'],
        ['checkout', 'pull request head'],
        ['checkout', 'PR head'],
        ['untrusted', 'pull request code'],
        ['privileged', 'workflow*', 'fork*'],
      ],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    const trigger = model.triggers.find((candidate) => PRIVILEGED_EVENTS.has(candidate.event));
    if (!trigger) return ctx.notApplicable();
    for (const job of model.jobs) {
      for (const step of job.steps) {
        const head = headCheckout(step);
        if (head !== undefined) {
          const at = workflow.at([...step.path, ...head.key]);
          return ctx.fail(at, 'checkoutHead', { event: trigger.event, step: step.label, ref: head.ref }, { related: [{ at: workflow.at(trigger.path), message: `the ${trigger.event} trigger` }] });
        }
      }
    }
  },
});

/**
 * What the step checks out when it is the pull request head (the `ref:` given to actions/checkout,
 * or the command), and the key under the step that says so.
 */
function headCheckout(step: CiStep): { ref: string; key: string[] } | undefined {
  if (usesAction(step.uses, 'actions/checkout')) {
    const ref = asString(step.with.ref) ?? '';
    const repository = asString(step.with.repository) ?? '';
    if (PR_HEAD.test(ref)) return { ref, key: ['with', 'ref'] };
    if (/github\.event\.pull_request\.head\.repo/.test(repository)) return { ref: repository, key: ['with', 'repository'] };
    return undefined;
  }
  if (step.run === undefined || !/checkout|fetch|pull/.test(step.run)) return undefined;
  for (const command of commandsOf(scriptOf(step).pipelines)) {
    const argv = argvOf(command);
    if (argv[0] === 'gh' && argv[1] === 'pr' && argv[2] === 'checkout') return { ref: argv.join(' '), key: ['run'] };
    if (argv[0] === 'git' && (argv[1] === 'fetch' || argv[1] === 'pull') && argv.some((word) => word.includes('pull/'))) return { ref: argv.join(' '), key: ['run'] };
  }
  return undefined;
}
