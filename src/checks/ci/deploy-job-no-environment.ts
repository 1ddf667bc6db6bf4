import { ciModel, scriptOf, type CiJob } from '../../targets/ci/jobs.js';
import { argvOf, commandsOf } from '../../targets/shell/command-line.js';
import { asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

const DEPLOY_NAME = /(^|[\s_-])(deploy|deployment|rollout|promote|production|prod)([\s_-]|$)/i;
/** Commands that change what runs in an environment. */
const DEPLOY_COMMANDS: Record<string, RegExp> = {
  kubectl: /^(apply|rollout|set|replace|patch|create)$/,
  helm: /^(upgrade|install|rollback)$/,
  helmfile: /^(apply|sync)$/,
  terraform: /^(apply|destroy)$/,
  tofu: /^(apply|destroy)$/,
  flyctl: /^deploy$/,
  fly: /^deploy$/,
  vercel: /^(deploy|--prod)$/,
  serverless: /^deploy$/,
  sls: /^deploy$/,
  argocd: /^app$/,
};
const DEPLOY_SCRIPT = /(^|\/)[\w.-]*deploy[\w.-]*$/i;

export const deployJobNoEnvironment = defineCheck({
  id: 'ci/deploy-job-no-environment',
  title: 'Deploy jobs run in a GitHub environment',
  severity: 'low',
  target: 'ci-workflow',
  why:
    'A job that deploys without `environment:` gets no deployment protection: no required reviewers, no wait timer, ' +
    'no restriction to the main branch, and the production secrets it uses are repository secrets that every other ' +
    'job and workflow (including ones a pull request edits) can read. An environment scopes the secrets to the job ' +
    'that deploys and records every deployment.',
  fix: [
    'Run the job in a protected environment and name it on the job:',
    '',
    '    rollout:',
    '      environment: production',
    '      runs-on: ubuntu-24.04',
    '',
    'Create `production` under Settings → Environments with required reviewers and a deployment branch rule, and move',
    'the deploy secrets into it.',
  ].join('\n'),
  refs: [
    'GitHub documentation, Managing environments for deployment: deployment protection rules and environment secrets',
    'OWASP Top 10 CI/CD Security Risks CICD-SEC-1 (insufficient flow control mechanisms)',
    'CIS Software Supply Chain Security Guide 1.1.x (require approvals for deployments)',
  ],
  messages: {
    noEnvironment: 'job "{job}" deploys ({reason}) without an environment: no required reviewers, no environment-scoped secrets',
  },
  claims: [
    {
      about: 'deploy jobs run in a protected environment',
      names: [
        'deployment protection rule*',
        'environment protection rule*',
        'protected environment*',
        ['deploy*', 'GitHub environment*'],
        ['deploy*', 'required reviewer*'],
        ['deploy*', 'manual approval'],
        ['deploy*', 'approval gate'],
        ['deploy*', 'environment-scoped'],
        ['deploy*', 'environment secrets'],
        ['deploy job*', 'environment'],
      ],
    },
  ],
  evaluate(workflow, ctx) {
    const model = ciModel(workflow);
    if (model.jobs.length === 0) return ctx.notApplicable();
    for (const job of model.jobs) {
      if (job.data.environment !== undefined || job.uses !== undefined) continue;
      const reason = deployReason(job);
      if (reason !== undefined) ctx.fail(workflow.at(job.path), 'noEnvironment', { job: job.id, reason });
    }
  },
});

/** Why the job looks like a deployment: a deploy command, or a deploy name plus a step that runs something. */
function deployReason(job: CiJob): string | undefined {
  for (const step of job.steps) {
    if (step.run === undefined) continue;
    for (const command of commandsOf(scriptOf(step).pipelines)) {
      const argv = argvOf(command);
      const program = argv[0] ?? '';
      const pattern = DEPLOY_COMMANDS[program];
      if (pattern && argv.slice(1).some((word) => pattern.test(word))) return argv.slice(0, 3).join(' ');
      if (DEPLOY_SCRIPT.test(program) || ((program === 'bash' || program === 'sh') && DEPLOY_SCRIPT.test(argv[1] ?? ''))) return argv.slice(0, 2).join(' ');
    }
  }
  const name = asString(job.data.name) ?? job.id;
  return DEPLOY_NAME.test(job.id) || DEPLOY_NAME.test(name) ? (job.steps.some((step) => step.run !== undefined) ? `job named ${name}` : undefined) : undefined;
}
